// Every input returns a new state and leaves the one it came from untouched: drafts share the slot
// lists (tariff, calendars, HAN devices) and replace them rather than writing into them.
import { describe, expect, it } from 'vitest';
import { commission } from '../firmware/configure.js';
import * as ops from '../firmware/meter.js';
import type { MeterState } from '../firmware/state.js';
import { issueCommandToken } from '../vending/command-token.js';
import { RTDS, rtdsParty } from './helpers.js';

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

const T0 = Date.parse('2026-03-02T10:00:00Z') / 1000;
const cmd = (counter: number, name: Parameters<typeof issueCommandToken>[2], fields: Record<string, number>) => issueCommandToken(rtdsParty, counter, name, fields).token;

describe('inputs are pure', () => {
  it('slot commands, a price change, a join and an advance never write into the state they start from', () => {
    const made = commission({ ...RTDS, meterBalance: 500_000 }, T0);
    if (!made.ok) throw new Error(made.message);
    let s: MeterState = deepFreeze(made.value);
    const steps: ((m: MeterState) => MeterState)[] = [
      (m) => ops.enterDigits(m, cmd(1, 'SetTouSwitch', { slot: 3, enabled: 1, daysMask: 127, startMinute: 600, rate: 1 }), 'keypad').state,
      (m) => ops.enterDigits(m, cmd(2, 'SetFriendlyCredit', { slot: 1, enabled: 1, daysMask: 127, startMinute: 0, endMinute: 60 }), 'keypad').state,
      (m) => ops.enterDigits(m, cmd(3, 'SetNonDisconnect', { slot: 0, enabled: 1, startDay: 20_600, startMinute: 0, endDay: 20_601, endMinute: 0 }), 'keypad').state,
      (m) => ops.enterDigits(m, cmd(4, 'ChangePrice', { element: 1, price: 30_000, activationDay: 20_600, activationMinute: 0 }), 'keypad').state,
      (m) => ops.enterDigits(m, cmd(5, 'OpenHan', { minutes: 30, deviceClass: 0 }), 'keypad').state,
      (m) => ops.join(m, 'ihd', '00000000000000AA').state,
      (m) => ops.advance(m, T0 + 7 * 86_400).state,
    ];
    for (const step of steps) s = deepFreeze(step(s));
    expect(s.tariff.touSwitch[3]).toMatchObject({ enabled: true, rate: 2 });
    expect(s.calendars.friendlyCredit[1]!.enabled).toBe(true);
    expect(s.han.devices).toEqual([{ deviceId: '00000000000000AA', deviceClass: 'ihd' }]);
  });
});
