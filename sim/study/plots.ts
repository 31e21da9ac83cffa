// The study's two plots as self-contained SVG (no fonts, no scripts): customers off supply hour by
// hour with and without MP094, the cold snap shaded; and how long those who lost supply were off.
import type { StudyFigures } from './figures.js';

const W = 960;
const H = 420;
const M = { left: 64, right: 20, top: 48, bottom: 64 };
const COLOURS = { with: '#1f6fb2', without: '#c0392b' };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= v) ?? 10 * mag);
}

function frame(title: string, yLabel: string, yMax: number, out: string[]): (v: number) => number {
  const y = (v: number) => M.top + (1 - v / yMax) * (H - M.top - M.bottom);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${M.left}" y="24" font-size="16" font-weight="bold">${esc(title)}</text>`);
  for (let k = 0; k <= 5; k++) {
    const v = (yMax * k) / 5;
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${M.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Number.isInteger(v) ? v : v.toFixed(1)}</text>`);
  }
  out.push(`<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  return y;
}

function legend(out: string[]): void {
  out.push(`<rect x="${W - 300}" y="12" width="14" height="4" fill="${COLOURS.with}"/><text x="${W - 280}" y="18">with MP094 tokens</text>`);
  out.push(`<rect x="${W - 160}" y="12" width="14" height="4" fill="${COLOURS.without}"/><text x="${W - 140}" y="18">without (today)</text>`);
}

/** Customers off supply by hour. */
export function offSupplySvg(f: StudyFigures): string {
  const s = f.series.customersOffSupplyByHour;
  const hours = s.with.length;
  const yMax = niceMax(Math.max(...s.with, ...s.without));
  const out: string[] = [];
  const y = frame(`Customers off supply, ${f.meters.toLocaleString('en-GB')} meters (${f.params.population.noWanShare * 100}% without WAN)`, 'customers off supply (hourly mean)', yMax, out);
  const x = (h: number) => M.left + (h / hours) * (W - M.left - M.right);
  const at = (iso: string) => (Date.parse(iso) / 1000 - Date.parse(f.event.start) / 1000) / 3600;
  out.push(`<rect x="${x(at(f.event.snapStart)).toFixed(1)}" y="${M.top}" width="${(x(at(f.event.snapEnd)) - x(at(f.event.snapStart))).toFixed(1)}" height="${H - M.top - M.bottom}" fill="#dbe9f6"><title>cold snap</title></rect>`);
  out.push(`<rect x="${x(at(f.event.coldestStart)).toFixed(1)}" y="${M.top}" width="${(x(at(f.event.coldestEnd)) - x(at(f.event.coldestStart))).toFixed(1)}" height="${H - M.top - M.bottom}" fill="#bcd6ee"><title>coldest days</title></rect>`);
  out.push(`<text x="${(x(at(f.event.snapStart)) + 4).toFixed(1)}" y="${M.top + 14}" fill="#345">cold snap</text>`);
  for (let d = 0; d * 24 <= hours; d++) {
    out.push(`<line x1="${x(d * 24).toFixed(1)}" x2="${x(d * 24).toFixed(1)}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}" stroke="#333"/>`);
    out.push(`<text x="${x(d * 24).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle">${new Date(Date.parse(f.event.start) + d * 86_400_000).toISOString().slice(5, 10)}</text>`);
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 16}" text-anchor="middle">day (UTC date)</text>`);
  for (const arm of ['without', 'with'] as const) {
    const pts = s[arm].map((v, h) => `${x(h + 0.5).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${pts}" fill="none" stroke="${COLOURS[arm]}" stroke-width="1.8"/>`);
  }
  legend(out);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** How long customers who lost supply were off, in bins. */
export function hoursOffSvg(f: StudyFigures): string {
  const bins = f.series.hoursOffBins;
  const h = f.series.hoursOffHistogram;
  const yMax = niceMax(Math.max(...h.with, ...h.without));
  const out: string[] = [];
  const y = frame('Hours off supply per customer who lost supply', 'customers', yMax, out);
  const slot = (W - M.left - M.right) / bins.length;
  bins.forEach((label, i) => {
    const x0 = M.left + i * slot;
    for (const [j, arm] of (['with', 'without'] as const).entries()) {
      const v = h[arm][i]!;
      const bx = x0 + slot * 0.12 + j * slot * 0.38;
      out.push(`<rect x="${bx.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(slot * 0.36).toFixed(1)}" height="${(H - M.bottom - y(v)).toFixed(1)}" fill="${COLOURS[arm]}"><title>${arm} MP094: ${v}</title></rect>`);
    }
    out.push(`<text x="${(x0 + slot / 2).toFixed(1)}" y="${H - M.bottom + 18}" text-anchor="middle">${esc(label)}</text>`);
  });
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 16}" text-anchor="middle">hours off supply over the study</text>`);
  legend(out);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
