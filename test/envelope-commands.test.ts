// Step 4 of an envelope, one command (tokens.md 8 and table 6): a known name, exactly its fields,
// each a JSON integer within its bit width, then the same field rules as a digit token. Each refusal
// says which rule.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../firmware/tokens/envelope.js';

describe('parseCommand', () => {
  it('a command is a JSON object', () => {
    for (const raw of [5, null, [], 'TopUp']) expect(parseCommand(raw), JSON.stringify(raw)).toBe('a command is not an object');
  });

  it('TopUp takes exactly amountPence, 1..2^24 - 1', () => {
    expect(parseCommand({ name: 'TopUp', amountPence: 1 })).toEqual({ name: 'TopUp', fields: { amountPence: 1 } });
    expect(parseCommand({ name: 'TopUp', amountPence: 16_777_215 })).toEqual({ name: 'TopUp', fields: { amountPence: 16_777_215 } });
    for (const fields of [{ amountPence: 0 }, { amountPence: 16_777_216 }, { amountPence: 1.5 }, { amountPence: '100' }, { amountPence: true }, {}, { amountPence: 100, extra: 1 }]) {
      expect(parseCommand({ name: 'TopUp', ...fields }), JSON.stringify(fields)).toBe('TopUp needs exactly amountPence 1..16777215');
    }
  });

  it('an unknown or missing name', () => {
    expect(parseCommand({ name: 'Refund', amount: 1 })).toBe('unknown command "Refund"');
    expect(parseCommand({ name: 7 })).toBe('unknown command 7');
    expect(parseCommand({ amount: 1 })).toBe('unknown command undefined');
  });

  it('each field an integer 0..2^bits - 1, and no other field', () => {
    expect(parseCommand({ name: 'DeductCredit', amount: 16_777_215 })).toEqual({ name: 'DeductCredit', fields: { amount: 16_777_215 } });
    expect(parseCommand({ name: 'DeductCredit', amount: 16_777_216 })).toBe('DeductCredit.amount must be an integer 0..16777215');
    expect(parseCommand({ name: 'DeductCredit', amount: -1 })).toBe('DeductCredit.amount must be an integer 0..16777215');
    expect(parseCommand({ name: 'DeductCredit', amount: 2.5 })).toBe('DeductCredit.amount must be an integer 0..16777215');
    expect(parseCommand({ name: 'DeductCredit', amount: false })).toBe('DeductCredit.amount must be an integer 0..16777215');
    expect(parseCommand({ name: 'DeductCredit' })).toBe('DeductCredit.amount must be an integer 0..16777215');
    expect(parseCommand({ name: 'Supply', action: 3 })).toBe('Supply action 3 is undefined');
    expect(parseCommand({ name: 'Supply', action: 4 })).toBe('Supply.action must be an integer 0..3');
    expect(parseCommand({ name: 'DeductCredit', amount: 1, register: 0 })).toBe('DeductCredit has no field register');
  });
});

describe('field rules at their edges (tokens.md table 6 and the FormatError list)', () => {
  const ok = (raw: Record<string, unknown>) => expect(typeof parseCommand(raw), JSON.stringify(raw)).toBe('object');
  it('accepted at the edge', () => {
    ok({ name: 'OpenHan', minutes: 1, deviceClass: 4 });
    ok({ name: 'SetConfig', parameter: 7, sign: 0, value: 1 });
    ok({ name: 'SetConfig', parameter: 6, sign: 1, value: 1 }); // a negative disablement threshold
    ok({ name: 'SetDebt', register: 2, amount: 1, rate: 10_000, period: 0 });
    ok({ name: 'SetDebt', register: 1, amount: 1, rate: 10_001, period: 2 });
    ok({ name: 'ChangeMode', mode: 1, suspendDebtDisabled: 1, suspendDebtEmergency: 1, sign: 1, disablementThreshold: 5 });
    ok({ name: 'SetTouSwitch', slot: 0, enabled: 0, daysMask: 0, startMinute: 0, rate: 0 });
    ok({ name: 'SetTouSwitch', slot: 0, enabled: 1, daysMask: 1, startMinute: 1439, rate: 0 });
    ok({ name: 'SetNonDisconnect', slot: 0, enabled: 1, startDay: 9600, startMinute: 1439, endDay: 9601, endMinute: 0 });
    ok({ name: 'SetNonDisconnect', slot: 0, enabled: 0, startDay: 9601, startMinute: 0, endDay: 9600, endMinute: 0 });
    ok({ name: 'RevertToDefaults', scope: 0x7f, tenancyDay: 0 });
  });

  it('refused beyond it, each with its reason', () => {
    expect(parseCommand({ name: 'OpenHan', minutes: 0, deviceClass: 0 })).toBe('OpenHan minutes must be 1..255');
    expect(parseCommand({ name: 'OpenHan', minutes: 1, deviceClass: 5 })).toBe('OpenHan deviceClass 5 is not 0..4');
    expect(parseCommand({ name: 'SetConfig', parameter: 8, sign: 0, value: 1 })).toBe('SetConfig parameter 8 is not 0..7');
    expect(parseCommand({ name: 'SetConfig', parameter: 5, sign: 1, value: 1 })).toBe('SetConfig sign 1 is only allowed for disablementThreshold');
    expect(parseCommand({ name: 'SetDebt', register: 3, amount: 1, rate: 1, period: 0 })).toBe('SetDebt register 3 (accumulated debt) is not allowed');
    expect(parseCommand({ name: 'SetDebt', register: 0, amount: 1, rate: 1, period: 3 })).toBe('SetDebt period 3 is undefined');
    expect(parseCommand({ name: 'SetDebt', register: 2, amount: 1, rate: 10_001, period: 0 })).toBe('SetDebt payment debt needs rate 0..10000 bp and period 0');
    expect(parseCommand({ name: 'SetDebt', register: 2, amount: 1, rate: 1, period: 1 })).toBe('SetDebt payment debt needs rate 0..10000 bp and period 0');
    for (const extra of [{ suspendDebtDisabled: 1 }, { suspendDebtEmergency: 1 }, { sign: 1 }, { disablementThreshold: 1 }]) {
      expect(parseCommand({ name: 'ChangeMode', mode: 0, suspendDebtDisabled: 0, suspendDebtEmergency: 0, sign: 0, disablementThreshold: 0, ...extra })).toBe('ChangeMode to credit takes no other fields');
    }
    expect(parseCommand({ name: 'SetFriendlyCredit', slot: 0, enabled: 1, daysMask: 0, startMinute: 0, endMinute: 0 })).toBe('SetFriendlyCredit enabled with days mask 0');
    expect(parseCommand({ name: 'SetTouSwitch', slot: 0, enabled: 1, daysMask: 1, startMinute: 1440, rate: 0 })).toBe('startMinute 1440 is not below 1440');
    expect(parseCommand({ name: 'SetNonDisconnect', slot: 0, enabled: 1, startDay: 9600, startMinute: 0, endDay: 9600, endMinute: 0 })).toBe('SetNonDisconnect end is not after its start');
    // an end on an earlier day is before the start whatever its minute: (9600, 1439) < (9601, 0)
    expect(parseCommand({ name: 'SetNonDisconnect', slot: 0, enabled: 1, startDay: 9601, startMinute: 0, endDay: 9600, endMinute: 1439 })).toBe('SetNonDisconnect end is not after its start');
    expect(parseCommand({ name: 'RevertToDefaults', scope: 0, tenancyDay: 0 })).toBe('RevertToDefaults scope 0');
    expect(parseCommand({ name: 'RevertToDefaults', scope: 0x81, tenancyDay: 0 })).toBe('RevertToDefaults scope bit 7 is undefined');
    expect(parseCommand({ name: 'ChangePrice', element: 9, price: 1, activationDay: 1, activationMinute: 0 })).toBe('ChangePrice element 9 is not 0..8');
    expect(parseCommand({ name: 'ChangePrice', element: 0, price: 1, activationDay: 0, activationMinute: 1 })).toBe('ChangePrice activation day 0 (now) needs minute 0');
  });
});
