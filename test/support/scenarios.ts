// Random meter scenarios for the power-cut and model-based properties.
import fc from 'fast-check';
import type { MeterEvent } from '../../firmware/meter.machine.js';
import { issueUtrn } from '../../vending/utrn.js';
import { issueCommandToken } from '../../vending/command-token.js';
import { rtdsParty } from '../helpers.js';

export type Op =
  | { kind: 'topup'; pence: number; viaKeys: boolean }
  | { kind: 'deduct'; pence: number }
  | { kind: 'addDebt'; pence: number }
  | { kind: 'advance'; seconds: number }
  | { kind: 'load'; watts: number }
  | { kind: 'consume'; wh: number }
  | { kind: 'buttonA' }
  | { kind: 'power'; on: boolean };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('topup' as const), pence: fc.integer({ min: 0, max: 8191 }), viaKeys: fc.boolean() }),
  fc.record({ kind: fc.constant('deduct' as const), pence: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('addDebt' as const), pence: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('advance' as const), seconds: fc.integer({ min: 1, max: 3 * 86_400 }) }),
  fc.record({ kind: fc.constant('load' as const), watts: fc.integer({ min: 0, max: 6000 }) }),
  fc.record({ kind: fc.constant('consume' as const), wh: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({ kind: fc.constant('buttonA' as const) }),
  fc.record({ kind: fc.constant('power' as const), on: fc.boolean() }),
);

/** Meter events for a scenario; tokens get counters 1, 2, 3... in order. */
export function toEvents(ops: Op[], startTime: number): MeterEvent[] {
  let counter = 0;
  let time = startTime;
  return ops.map((op): MeterEvent => {
    switch (op.kind) {
      case 'topup': {
        const digits = issueUtrn(rtdsParty, ++counter, 'pennies', op.pence).token;
        return op.viaKeys ? { type: 'KEYS', keys: `${digits}#` } : { type: 'TOKEN_ENTERED', digits, source: 'keypad' };
      }
      case 'deduct':
        return { type: 'TOKEN_ENTERED', digits: issueCommandToken(rtdsParty, ++counter, 'DeductCredit', { amount: op.pence }).token, source: 'ppmid' };
      case 'addDebt':
        return { type: 'TOKEN_ENTERED', digits: issueCommandToken(rtdsParty, ++counter, 'AddDebt', { register: 3, amount: op.pence }).token, source: 'keypad' };
      case 'advance':
        time += op.seconds;
        return { type: 'ADVANCE', to: time };
      case 'load':
        return { type: 'LOAD', watts: op.watts };
      case 'consume':
        return { type: 'CONSUME', wh: op.wh };
      case 'buttonA':
        return { type: 'BUTTON_A', where: 'meter' };
      case 'power':
        return { type: op.on ? 'POWER_RESTORED' : 'POWER_CUT' };
    }
  });
}
