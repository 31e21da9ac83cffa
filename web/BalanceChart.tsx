// Credit and debt over the last simulated days as a small SVG chart (money in pounds on the axis).
import { localText } from '../firmware/clock.js';
import { formatPounds } from '../firmware/money.js';
import { HISTORY_DAYS, type Point } from './history.js';

const W = 640;
const H = 200;
const PAD = { left: 64, right: 12, top: 12, bottom: 28 };
/** The scale spans at least £1.00 so small changes do not look like cliffs. */
const MIN_SPAN_MP = 100_000;

export function BalanceChart({ history }: { history: readonly Point[] }) {
  const first = history[0];
  const last = history[history.length - 1];
  const title = `Credit and debt, last ${HISTORY_DAYS} simulated days`;
  if (!first || !last) return null;
  const values = history.flatMap((p) => [p.credit, p.debt]);
  let lo = Math.min(0, ...values);
  let hi = Math.max(...values);
  if (hi - lo < MIN_SPAN_MP) hi = lo + MIN_SPAN_MP;
  const t0 = first.t;
  const span = Math.max(1, last.t - t0);
  const x = (t: number) => PAD.left + ((t - t0) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const line = (pick: (p: Point) => number) => history.map((p) => `${x(p.t).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(' ');
  const summary = `${title}: credit now ${formatPounds(last.credit)}, debt now ${formatPounds(last.debt)}, from ${localText(first.t)} to ${localText(last.t)}`;
  return (
    <section className="panel chart" aria-labelledby="chart-title">
      <h2 id="chart-title">{title}</h2>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} preserveAspectRatio="none">
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        <text className="tick" x={PAD.left - 6} y={y(hi) + 4} textAnchor="end">
          {formatPounds(hi)}
        </text>
        <text className="tick" x={PAD.left - 6} y={y(lo) + 4} textAnchor="end">
          {formatPounds(lo)}
        </text>
        <text className="tick" x={PAD.left} y={H - 8}>
          {localText(first.t).slice(5, 16)}
        </text>
        <text className="tick" x={W - PAD.right} y={H - 8} textAnchor="end">
          {localText(last.t).slice(5, 16)}
        </text>
        <polyline className="credit" points={line((p) => p.credit)} />
        <polyline className="debt" points={line((p) => p.debt)} />
      </svg>
      <p className="legend">
        <span className="swatch credit" aria-hidden="true" /> credit {formatPounds(last.credit)} <span className="swatch debt" aria-hidden="true" /> debt{' '}
        {formatPounds(last.debt)}
      </p>
    </section>
  );
}
