// The meter's finite-state spec as Mermaid, generated from the region tables the firmware runs
// (firmware/meter.machine.ts REGIONS). npm run diagram writes docs/state-machine.md; test/docs.test.ts
// fails when it is out of date.
import { REGIONS } from '../firmware/meter.machine.js';
import type { Region, Rule, Transition } from '../firmware/region.js';
import { factoryState } from '../firmware/sections.js';

type AnyRegion = Region<string, string, unknown>;
type AnyTransition = Transition<string, string, unknown>;

const id = (region: AnyRegion, state: string) => `${region.name}_${state}`;

function label(t: AnyTransition): string {
  const on = t.on === 'settle' ? 'settle' : t.on;
  const guard = t.when?.length ? ` [${t.when.map((r) => r.name).join(' and ')}]` : '';
  const does = [...(t.do ? [t.do.name] : []), ...(t.log ?? []).map((e) => `log ${e}`)];
  return `${on}${guard}${does.length ? ` / ${does.join(', ')}` : ''}`;
}

/** One region as a Mermaid state diagram; the factory-fresh meter's state is the initial one. */
export function regionDiagram(region: AnyRegion): string {
  const lines = ['stateDiagram-v2', '  direction LR'];
  for (const st of region.states) lines.push(`  state "${st}" as ${id(region, st)}`);
  // The region as a factory-fresh meter has it (a lockout per source: the keypad's).
  lines.push(`  [*] --> ${id(region, region.get(factoryState(0), 'keypad' as never))}`);
  for (const t of region.transitions) {
    for (const from of t.from) lines.push(`  ${id(region, from)} --> ${id(region, t.to)}: ${label(t)}`);
  }
  return lines.join('\n');
}

/** Every rule a transition names, once, by its own name (a `not` by the rule it negates). */
function rulesOf(regions: readonly AnyRegion[]): Rule<unknown>[] {
  const seen = new Map<string, Rule<unknown>>();
  for (const r of regions) for (const t of r.transitions) for (const g of t.when ?? []) {
    const base = g.negates ?? g;
    if (!seen.has(base.name)) seen.set(base.name, base);
  }
  return [...seen.values()];
}

export function stateMachineDoc(): string {
  const regions = REGIONS as readonly AnyRegion[];
  const out = [
    '# The meter\'s finite states',
    '',
    'Generated from the region tables in `firmware/` by `npm run diagram` (do not edit by hand; the',
    'test suite fails when this file is out of date). The firmware runs these same tables',
    '(`firmware/region.ts` `take`): a transition is taken on its event from one of its states when',
    'every rule in brackets holds, the first such row in table order winning. `settle` is section 4 of',
    'prepayment.md, taken after every change (emergency credit, then supply); `TIME` is a boundary of',
    'the timeline. Quantities (balances, counts, the typed digits) stay in the meter state; each',
    'region reads its state from there, so nothing is held twice. The xstate machine',
    '(`firmware/meter.machine.ts`) is one state whose every event runs the reducer `step`.',
    '',
  ];
  for (const region of regions) {
    out.push(`## ${region.name}: ${region.about}`, '', '```mermaid', regionDiagram(region), '```', '');
  }
  out.push('## The rules', '', '| rule | holds when |', '|---|---|');
  for (const r of rulesOf(regions)) out.push(`| \`${r.name}\` | ${r.means} |`);
  out.push('');
  return out.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(new URL('../docs/state-machine.md', import.meta.url), stateMachineDoc());
  console.log('wrote docs/state-machine.md');
}
