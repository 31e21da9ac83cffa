// The charge path (prepayment.md section 3) given nothing to take: a charge of zero or less changes
// no balance and raises no event.
import { describe, expect, it } from 'vitest';
import { charge } from '../firmware/charges.js';
import { meterState } from './helpers.js';

describe('charge', () => {
  it('of a negative amount takes nothing and gives nothing', () => {
    // 5 pounds on the meter, EC active with 7 pounds left
    const s = meterState({ meterBalance: 500_000, emergencyCredit: { state: 'active', balance: 700_000 } });
    const events = s.events;
    charge(s, -1_000);
    expect(s.meterBalance).toBe(500_000);
    expect(s.emergencyCredit).toEqual({ state: 'active', balance: 700_000 });
    expect(s.events).toBe(events);
  });
});
