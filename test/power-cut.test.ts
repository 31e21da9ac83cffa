// Power cut at every durable step of random scenarios (a few dozen here; 1,000+ in npm run test:slow).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meterState } from './helpers.js';
import { checkPowerCuts } from './support/power-cut.js';
import { opArb, toEvents } from './support/scenarios.js';

describe('power cuts at every durable step', () => {
  it('a hand-written scenario: top-ups, a deduction, time and load', () => {
    const initial = meterState({ meterBalance: 200_000 });
    const events = toEvents(
      [{ kind: 'topup', pence: 1000, viaKeys: false }, { kind: 'load', watts: 2000 }, { kind: 'advance', seconds: 86_400 }, { kind: 'deduct', pence: 300 }, { kind: 'topup', pence: 50, viaKeys: true }],
      initial.time,
    );
    const r = checkPowerCuts(initial, events);
    expect(r.acceptedTokens).toBe(3);
    expect(r.cutPoints).toBeGreaterThan(40);
  });

  it('random scenarios: the state is before or after the cut input, and nothing is lost or doubled', () => {
    let cutPoints = 0;
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.array(opArb, { minLength: 1, maxLength: 8 }), (balance, ops) => {
        const initial = meterState({ meterBalance: balance });
        cutPoints += checkPowerCuts(initial, toEvents(ops, initial.time)).cutPoints;
      }),
      { numRuns: 30, seed: 20261129 },
    );
    expect(cutPoints).toBeGreaterThan(30 * 4);
    // About 3 s on an idle machine, 23 s with both cores of a shared 2-core box busy: room for worse.
  }, 180_000);
});
