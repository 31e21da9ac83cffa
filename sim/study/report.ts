// The study's report, Markdown and self-contained HTML: the figures side by side, the two plots,
// and the parameters and seed that reproduce it.
import type { ArmFigures, StudyFigures } from './figures.js';
import { hoursOffSvg, offSupplySvg } from './plots.js';

const LABELS: [keyof ArmFigures, string][] = [
  ['customersLostSupply', 'customers who lost supply'],
  ['vulnerableCustomersLostSupply', 'vulnerable customers who lost supply'],
  ['customerHoursOffSupply', 'customer-hours off supply'],
  ['vulnerableCustomerHoursOffSupply', 'vulnerable customer-hours off supply'],
  ['customerHoursOffSupplyColdestDays', 'customer-hours off supply, coldest days'],
  ['selfDisconnections', 'self-disconnections (supply disabled for credit)'],
  ['peakCustomersOffSupply', 'most customers off supply at once (hourly mean)'],
  ['noWanCustomersLostSupply', 'customers without WAN who lost supply'],
  ['noWanCustomerHoursOffSupply', 'customer-hours off supply, meters without WAN'],
  ['siteVisitsNeeded', 'site visits needed'],
  ['siteVisitsMade', 'site visits made within the study'],
  ['commandsIssued', 'supplier commands issued'],
  ['commandsApplied', 'supplier commands applied by the meter'],
  ['commandsNotApplied', 'supplier commands never applied'],
  ['tokensTexted', 'tokens texted to customers'],
  ['tokensTyped', 'tokens typed by customers'],
  ['tokensNotTyped', 'texted tokens not typed'],
  ['mistypedTokensCaught', 'mistyped tokens caught by the check digit'],
  ['duplicateDeliveries', 'second deliveries refused as Duplicate'],
  ['emergencyCreditActivations', 'emergency credit activations'],
  ['customerTopUps', 'customer top-ups'],
  ['customerTopUpsPounds', 'customer top-ups, GBP'],
  ['freeCreditPounds', 'free credit received, GBP'],
  ['debtAtStartPounds', 'debt at start, GBP'],
  ['debtAtEndPounds', 'debt at end, GBP'],
  ['debtRecoveredPounds', 'debt recovered, GBP'],
  ['metersWithNegativeBalanceAtEnd', 'meters with a negative balance at the end'],
  ['overchargedAtOldPricePounds', 'charged above the new cap price, GBP'],
  ['metersOvercharged', 'meters charged at the old price after the cap date'],
];

const fmt = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en-GB') : v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 2 }));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function intro(f: StudyFigures): string[] {
  const p = f.params;
  return [
    `${f.meters.toLocaleString('en-GB')} prepayment meters (${Math.round(p.population.gasShare * 100)}% gas), ${p.days} days from ${f.event.start}; ` +
      `${p.population.noWanShare * 100}% without WAN and ${p.population.intermittentWanShare * 100}% with intermittent WAN; ${p.population.vulnerableShare * 100}% vulnerable households.`,
    `Cold snap: ${p.weather.coldSnapDays} days from ${f.event.snapStart}, the daily mean falling by ${p.weather.dropC} C from ${p.weather.baseTempC} C (coldest ${f.event.coldestStart} to ${f.event.coldestEnd}).`,
    `The supplier acts at ${f.event.announce}: a non-disconnect period over the snap, wider friendly credit, debt recovery paused, ` +
      `a GBP ${p.supplier.freeTopUpPounds} free top-up for vulnerable households; the cap price (${p.supplier.priceChangeBp / 100}%) applies from local midnight of ${p.supplier.capDate} (${f.event.capAt}).`,
    `With MP094 a meter without WAN gets each command as a 40/60-digit token texted to the customer; without, only at a site visit ` +
      `(${p.delivery.visitsPerDayPer10k} a day per 10,000 meters). Every meter runs the nowan firmware; every token is issued for its own key set and verified by the meter.`,
    `Seed ${f.seed}; ${f.runOnce.toLocaleString('en-GB')} meters with WAN have the same deliveries in both arms and were run once.`,
  ];
}

export function markdownReport(f: StudyFigures): string {
  const rows = LABELS.map(([k, label]) => `| ${label} | ${fmt(f.figures.with[k])} | ${fmt(f.figures.without[k])} | ${fmt(f.figures.difference[k])} |`);
  return [
    '# What MP094 is worth: no-WAN study',
    '',
    ...intro(f).map((l) => `${l}\n`),
    '| figure | with MP094 | without | difference |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    '![Customers off supply](off-supply.svg)',
    '',
    '![Hours off supply](hours-off.svg)',
    '',
    'Every figure, the series behind the plots and the integer totals are in `figures.json`; the parameters and seed in `study.json` reproduce the run.',
    '',
    '```json',
    JSON.stringify(f.params, null, 2),
    '```',
    '',
  ].join('\n');
}

export function htmlReport(f: StudyFigures): string {
  const rows = LABELS.map(([k, label]) => `<tr><td>${esc(label)}</td><td>${fmt(f.figures.with[k])}</td><td>${fmt(f.figures.without[k])}</td><td>${fmt(f.figures.difference[k])}</td></tr>`);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>What MP094 is worth: no-WAN study</title>',
    '<style>body{font-family:Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}td:not(:first-child){text-align:right}pre{background:#f6f6f6;padding:1em;overflow:auto}</style>',
    '</head><body>',
    '<h1>What MP094 is worth: no-WAN study</h1>',
    ...intro(f).map((l) => `<p>${esc(l)}</p>`),
    '<table><tr><th>figure</th><th>with MP094</th><th>without</th><th>difference</th></tr>',
    ...rows,
    '</table>',
    offSupplySvg(f),
    hoursOffSvg(f),
    '<h2>Parameters</h2>',
    `<pre>${esc(JSON.stringify(f.params, null, 2))}</pre>`,
    '</body></html>',
    '',
  ].join('\n');
}
