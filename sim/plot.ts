// A self-contained SVG timeline of a scenario run: meter balance, emergency credit, debt registers,
// supply-state bands, friendly-credit/non-disconnect periods, top-up markers and the scenario's notes.
// Written directly as SVG (no DOM, no fonts to embed), so the file is deterministic and opens in any
// browser.
import { localText, parseIso } from '../firmware/clock.js';
import type { TraceRow } from './scenario.js';

const W = 1100;
const H = 520;
const M = { left: 70, right: 20, top: 50, bottom: 80 };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A GB reader's date, `5 Jan 2026` (local date): `01-05` reads as 1 May. */
export function dayLabel(t: number): string {
  const [year, month, day] = localText(t).slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * mag).find((s) => range / s <= ticks) ?? 10 * mag;
}

export function plotSvg(rows: TraceRow[], title: string): string {
  const t = rows.map((r) => parseIso(r.time)!);
  const t0 = t[0]!;
  const t1 = Math.max(t[t.length - 1]!, t0 + 1);
  const pounds = (mp: number) => mp / 100_000;
  const series = {
    balance: rows.map((r) => pounds(r.meterBalance)),
    ec: rows.map((r) => (r.ecState === 'active' || r.ecState === 'exhausted' ? pounds(r.ecBalance) : NaN)),
    timeDebt: rows.map((r) => pounds(r.timeDebt)),
    paymentDebt: rows.map((r) => pounds(r.paymentDebt)),
  };
  const all = Object.values(series).flat().filter((v) => Number.isFinite(v));
  let lo = Math.min(0, ...all);
  let hi = Math.max(1, ...all);
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const x = (v: number) => M.left + ((v - t0) / (t1 - t0)) * (W - M.left - M.right);
  const y = (v: number) => M.top + (1 - (v - lo) / (hi - lo)) * (H - M.top - M.bottom);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${M.left}" y="24" font-size="16" font-weight="bold">${esc(title)}</text>`);

  // Bands: supply disabled (red), armed (amber), friendly-credit / non-disconnect in force (blue).
  const band = (pred: (r: TraceRow) => boolean, fill: string, yTop: number, height: number) => {
    for (let i = 0; i < rows.length - 1; i++) {
      if (!pred(rows[i]!)) continue;
      let j = i;
      while (j < rows.length - 1 && pred(rows[j]!)) j++;
      out.push(`<rect x="${x(t[i]!).toFixed(1)}" y="${yTop}" width="${Math.max(0.5, x(t[j]!) - x(t[i]!)).toFixed(1)}" height="${height}" fill="${fill}"/>`);
      i = j;
    }
  };
  const plotTop = M.top;
  const plotHeight = H - M.top - M.bottom;
  band((r) => r.inForce, '#dbe9ff', plotTop, plotHeight);
  band((r) => r.supply === 'disabled', '#ffd6d6', plotTop, plotHeight);
  band((r) => r.supply === 'armed', '#ffe9b8', plotTop, plotHeight);

  // Axes and grid.
  const yStep = niceStep(hi - lo, 8);
  for (let v = Math.ceil(lo / yStep) * yStep; v <= hi; v += yStep) {
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${Math.abs(v) < 1e-9 ? '#555' : '#e3e3e3'}"/>`);
    const amount = Math.abs(v).toFixed(yStep < 1 ? 2 : 0);
    out.push(`<text x="${M.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v < 0 && Number(amount) !== 0 ? '-' : ''}£${amount}</text>`);
  }
  const days = (t1 - t0) / 86_400;
  // A label is about 75 px wide: keep them apart.
  const dayStep = days <= 10 ? 1 : days <= 31 ? 3 : days <= 62 ? 7 : days <= 400 ? 30 : 90;
  for (let d = 0; d <= days; d += dayStep) {
    const tx = t0 + d * 86_400;
    out.push(`<line x1="${x(tx).toFixed(1)}" x2="${x(tx).toFixed(1)}" y1="${plotTop}" y2="${plotTop + plotHeight}" stroke="#eeeeee"/>`);
    if (x(tx) <= W - M.right - 38) out.push(`<text x="${x(tx).toFixed(1)}" y="${plotTop + plotHeight + 16}" text-anchor="middle">${dayLabel(tx)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${plotTop}" width="${W - M.left - M.right}" height="${plotHeight}" fill="none" stroke="#888"/>`);

  // Between readings money runs down with the load, so a line slopes to the next reading; an input
  // (a top-up, a button) changes it at its instant, so it steps there.
  const line = (values: number[], colour: string, width: number) => {
    let d = '';
    let pen = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      const px = x(t[i]!).toFixed(1);
      const py = y(v).toFixed(1);
      d += !pen ? `M${px},${py}` : rows[i]!.kind === 'input' ? `H${px}V${py}` : `L${px},${py}`;
      pen = true;
    }
    out.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}"/>`);
  };
  // Debt and EC lines only where they have something to show.
  const shown = (values: number[]) => values.some((v) => Number.isFinite(v) && v !== 0);
  if (shown(series.timeDebt)) line(series.timeDebt, '#8e44ad', 1.5);
  if (shown(series.paymentDebt)) line(series.paymentDebt, '#d35400', 1.5);
  if (shown(series.ec)) line(series.ec, '#e67e22', 2);
  line(series.balance, '#1f6fb2', 2);

  // Top-up markers.
  rows.forEach((r, i) => {
    if (r.kind === 'input' && r.result === 'Accepted' && /TopUp|token 7[345]/.test(r.what)) {
      const cx = x(t[i]!);
      out.push(`<path d="M${cx.toFixed(1)},${plotTop + 2} l-5,-9 h10 z" fill="#27ae60"><title>${esc(`${r.time} ${r.what}`)}</title></path>`);
    }
  });

  // The scenario's notes: a dashed line at the instant and the words, stepped down so neighbours
  // do not overprint.
  rows
    .filter((r) => r.kind === 'input' && r.what.startsWith('note: '))
    .forEach((r, k) => {
      const nx = x(parseIso(r.time)!).toFixed(1);
      const ny = plotTop + 14 + (k % 3) * 14;
      out.push(`<line x1="${nx}" x2="${nx}" y1="${plotTop}" y2="${plotTop + plotHeight}" stroke="#555" stroke-dasharray="4 3"/>`);
      out.push(`<text class="note" x="${nx}" y="${ny}" dx="4" font-size="11" fill="#333" stroke="white" stroke-width="3" paint-order="stroke">${esc(r.what.slice('note: '.length))}</text>`);
    });

  // Legend.
  const legend: [string, string, 'line' | 'box'][] = [
    ['meter balance', '#1f6fb2', 'line'],
    ['emergency credit', '#e67e22', 'line'],
    ['time debt', '#8e44ad', 'line'],
    ['payment debt', '#d35400', 'line'],
    ['supply off', '#ffd6d6', 'box'],
    ['supply armed', '#ffe9b8', 'box'],
    ['friendly / no-cut period', '#dbe9ff', 'box'],
    ['top-up', '#27ae60', 'box'],
    ['note', '#555', 'line'],
  ];
  let lx = M.left;
  const ly = H - 30;
  for (const [name, colour, kind] of legend) {
    out.push(kind === 'line' ? `<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="3"/>` : `<rect x="${lx}" y="${ly - 10}" width="18" height="10" fill="${colour}" stroke="#999"/>`);
    out.push(`<text x="${lx + 24}" y="${ly}">${esc(name)}</text>`);
    lx += 30 + name.length * 6.4;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export function csv(rows: TraceRow[]): string {
  const head = ['time', 'kind', 'what', 'result', 'meterBalance', 'ecState', 'ecBalance', 'timeDebt', 'paymentDebt', 'accumulatedDebt', 'supply', 'inForce', 'loadW', 'activeRate', 'importJ'];
  const cell = (v: unknown) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [head.join(','), ...rows.map((r) => head.map((h) => cell((r as unknown as Record<string, unknown>)[h])).join(','))].join('\n') + '\n';
}
