// npm run test:slow: 1,000 random scenarios, a power cut at every durable step of each.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { meterState } from './helpers.js';
import { checkPowerCuts } from './support/power-cut.js';
import { opArb, toEvents } from './support/scenarios.js';

it('1,000 scenarios: every cut leaves the state before or after the input; nothing lost or doubled', () => {
  let scenarios = 0;
  let cutPoints = 0;
  let accepted = 0;
  fc.assert(
    fc.property(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.array(opArb, { minLength: 1, maxLength: 12 }), (balance, ops) => {
      const initial = meterState({ meterBalance: balance });
      const r = checkPowerCuts(initial, toEvents(ops, initial.time));
      scenarios++;
      cutPoints += r.cutPoints;
      accepted += r.acceptedTokens;
    }),
    { numRuns: 1000, seed: Number(process.env.NOWAN_SEED ?? 1) },
  );
  console.log(`power-cut property: ${scenarios} scenarios, ${cutPoints} cut points, ${accepted} accepted tokens, 0 credits lost or doubled`);
  expect(scenarios).toBe(1000);
}, 600_000);
