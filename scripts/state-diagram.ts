// The firmware machine's state diagram as Mermaid, generated from the xstate machine itself.
// npm run diagram writes docs/state-machine.md; test/docs.test.ts fails when it is out of date.
import { meterMachine } from '../firmware/meter.machine.js';

type Node = (typeof meterMachine)['root'];

function describeTransition(t: { eventType: string; guard?: unknown; actions: readonly unknown[] }): string {
  const g = t.guard;
  const guard = typeof g === 'string' ? ` [${g}]` : g && typeof g === 'object' && 'type' in g ? ` [${String((g as { type: string }).type)}]` : '';
  const actions = t.actions.map((a) => (typeof a === 'string' ? a : typeof a === 'object' && a !== null && 'type' in a ? String((a as { type: string }).type) : 'action'));
  const event = t.eventType === '' ? 'always' : t.eventType;
  return `${event}${guard}${actions.length ? ` / ${actions.join(', ')}` : ''}`;
}

export function mermaid(): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${String(meterMachine.root.initial.target[0]!.key)}`];
  const emit = (node: Node, name: string) => {
    for (const [, list] of node.transitions) {
      for (const t of list) {
        const target = t.target?.[0]?.key ?? name;
        lines.push(`  ${name} --> ${target}: ${describeTransition(t)}`);
      }
    }
    for (const t of node.always ?? []) {
      lines.push(`  ${name} --> ${t.target?.[0]?.key ?? name}: ${describeTransition(t)}`);
    }
  };
  for (const [key, node] of Object.entries(meterMachine.root.states)) emit(node as Node, key);
  // Events handled at the root apply in every state.
  const root: string[] = [];
  for (const [, list] of meterMachine.root.transitions) for (const t of list) root.push(describeTransition(t));
  if (root.length) lines.push(`  note right of powered`, ...root.map((r) => `    any state: ${r}`), `  end note`);
  return lines.join('\n') + '\n';
}

export function stateMachineDoc(): string {
  return [
    '# The firmware state machine',
    '',
    'Generated from `firmware/meter.machine.ts` by `npm run diagram` (do not edit by hand; the test',
    'suite fails when this file is out of date). States are the power states; the prepayment state',
    '(supply, credit, debts, tariff...) lives in the machine context and changes through the named',
    'actions, each of which calls a pure function in `firmware/`.',
    '',
    '```mermaid',
    mermaid().trimEnd(),
    '```',
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(new URL('../docs/state-machine.md', import.meta.url), stateMachineDoc());
  console.log('wrote docs/state-machine.md');
}
