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
