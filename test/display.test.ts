// What the meter's display says after an accepted token or envelope (tokens.md section 9).
import { describe, expect, it } from 'vitest';
import { batchDisplay } from '../firmware/tokens/envelope.js';
import { meterState } from './helpers.js';

describe('accepted display words', () => {
  const s = meterState();

  it('an envelope lists what each command changed', () => {
    const cmds = [
      { name: 'TopUp', fields: { amountPence: 1000 } },
      { name: 'AddDebt', fields: { register: 0, amount: 2500 } },
    ] as const;
    expect(batchDisplay(cmds as any, s)).toBe('ADDED £10.00, DEBT ADDED £25.00');
  });

  it('a long batch shows what fits one 40-character line, then how many more', () => {
    const topUp = { name: 'TopUp', fields: { amountPence: 100 } };
    // 'ADDED £1.00' is 11 characters: three with ', ' are 37, plus ' +13 MORE' is 46 > 40;
    // two are 24, plus ' +14 MORE' is 33
    expect(batchDisplay(Array(16).fill(topUp), s)).toBe('ADDED £1.00, ADDED £1.00 +14 MORE');
  });
});
