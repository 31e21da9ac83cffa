// Every worked example of token-examples.json (independent reference implementation, RTDS keys),
// reproduced bit for bit in both directions. Shared by the node:crypto run (tokens.examples.test.ts)
// and the noble run (crypto-browser.test.ts), so both implementations meet the same examples.
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../firmware/tokens/crypto.js';
import { decodeUtrn } from '../../firmware/tokens/gbcs.js';
import { issueUtrn } from '../../vending/utrn.js';
import { issueCommandToken } from '../../vending/command-token.js';
import { checkDigit } from '../../firmware/tokens/verhoeff.js';
import { device, examples, rtdsParty } from '../helpers.js';

export function describeTokenExamples(): void {
  const strip = (t: string) => t.replace(/ /g, '');

  describe('GBCS check digit (tokens.md section 5)', () => {
    it('7430182583759667200 has check digit 5', () => {
      expect(checkDigit('7430182583759667200')).toBe(5);
    });
    it('every published UTRN ends in the check digit of its first 19 digits', () => {
      for (const g of examples.gbcs) expect(checkDigit(g.token.slice(0, 19))).toBe(Number(g.token[19]));
    });
  });

  describe('GBCS UTRN examples', () => {
    for (const g of examples.gbcs) {
      it(`issues counter ${g.utrnCounter} ${g.valueClass} ${g.value} as ${g.token}`, () => {
        const issued = issueUtrn(rtdsParty, g.utrnCounter, g.valueClass, g.value);
        expect(issued.token).toBe(g.token);
        if (g.pptd) expect(issued.pptd).toBe(g.pptd);
      });
      it(`decodes ${g.token}`, () => {
        const made = decodeUtrn(g.token);
        if (!made.ok) throw new Error(made.message);
        const d = made.value;
        expect(d.truncatedCounter).toBe(g.utrnCounter % 1024);
        expect(d.valueClass).toBe(g.valueClass);
        expect(d.value).toBe(g.value);
      });
      it(`a meter accepts ${g.token} for ${g.value} ${g.valueClass}`, () => {
        // Commission the cache just below the token's counter so the 10-bit window reaches it.
        const pence = g.valueClass === 'pounds' ? g.value * 100 : g.value;
        const d = device({ utrnCounters: g.utrnCounter > 1 ? [g.utrnCounter - 1] : [], config: { maxCreditThreshold: 900_000_000, maxMeterBalance: 900_000_000 } });
        const r: any = d.handle({ op: 'token', digits: g.token, source: 'keypad' });
        expect(r.result).toBe('Accepted');
        const out: any = (d.handle({ op: 'read' }) as any).readout;
        expect(out.topUps[0]).toMatchObject({ amount: pence * 1000, utrnCounter: g.utrnCounter, source: 'keypad' });
      });
    }

    it('reproduces the intermediates of counter 1 (tokens.md section 3)', () => {
      const issued = issueUtrn(rtdsParty, 1, 'pounds', 100);
      expect(bytesToHex(issued.key)).toBe('63ff76381818753a346645be7adac537');
      expect(bytesToHex(issued.aad)).toBe('110000000000' + '90b3d51f30010000' + '00db1234567890a0' + '01' + '0000000100000000' + '0000a064');
      expect(bytesToHex(issued.tag)).toBe('43fcb7edd806c2cacd81b0d6d51ca60b');
      expect(issued.ptut.toString(16).padStart(16, '0')).toBe('0000a064d51ca60b');
    });
  });

  describe('nowan command token examples', () => {
    for (const c of examples.commands) {
      it(`issues ${c.name} counter ${c.utrnCounter} with every intermediate`, () => {
        const issued = issueCommandToken(rtdsParty, c.utrnCounter, c.name, c.fields);
        expect(bytesToHex(issued.body)).toBe(c.bodyHex);
        expect(bytesToHex(issued.key)).toBe(c.keyHex);
        expect(bytesToHex(issued.aad)).toBe(c.aadHex);
        expect(bytesToHex(issued.tag)).toBe(c.tagHex);
        expect(issued.token).toBe(strip(c.token));
        expect(issued.token).toHaveLength(c.digits);
      });
      it(`a meter accepts ${c.name} counter ${c.utrnCounter}`, () => {
        const d = device({ utrnCounters: [c.utrnCounter - 1] }, '2026-02-02T08:00:00Z');
        const r: any = d.handle({ op: 'token', digits: c.token, source: 'keypad' });
        expect(r.result).toBe('Accepted');
        expect((d.handle({ op: 'read' }) as any).readout.utrnCounters).toContain(c.utrnCounter);
      });
    }
  });
}
