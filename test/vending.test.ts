// The supplier's side: one issueToken for both families, from Z or from PEM keys alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issueToken, prepareToken } from '../vending/issue.js';
import { partyOfKeys } from '../vending/party.js';
import { utrnValue } from '../vending/utrn.js';
import { RTDS } from './helpers.js';

const pemKeySet = JSON.parse(readFileSync(new URL('../keys/rtds-keyset.json', import.meta.url), 'utf8')) as Record<string, string>;
const pem = { originatorId: pemKeySet.originatorId!, deviceId: pemKeySet.deviceId!, supplierPrepaymentPrivateKey: pemKeySet.supplierPrepaymentPrivateKey!, devicePublicKey: pemKeySet.devicePublicKey! };

describe('vending', () => {
  it('issues the published RTDS UTRN (counter 1, £100) from Z and from the PEM key set', () => {
    // tokens.md section 3 worked example: 7394333345718904331 and check digit 3
    expect(issueToken(RTDS, 'TopUp', { pounds: 100 }, 1).token).toBe('73943333457189043313');
    expect(issueToken(pem, 'TopUp', { pounds: 100 }, 1).grouped).toBe('73943 33345 71890 43313');
  });

  it('parses a key set and runs ECDH once: the same party object every time', () => {
    expect(partyOfKeys({ ...pem })).toBe(partyOfKeys({ ...pem }));
    expect(Buffer.from(partyOfKeys(pem).sharedSecret).toString('hex')).toBe(RTDS.sharedSecret);
  });

  it('a top-up is pence or pounds, exactly one, 0..8191', () => {
    expect(utrnValue({ pence: 1234 })).toEqual({ valueClass: 'pennies', value: 1234 });
    expect(utrnValue({ pounds: 10 })).toEqual({ valueClass: 'pounds', value: 10 });
    expect(() => utrnValue({ pence: 1, pounds: 1 })).toThrow(/exactly one/);
    expect(() => utrnValue({})).toThrow(/exactly one/);
    expect(() => utrnValue({ pounds: 8192 })).toThrow('"pounds" must be 0..8191, got 8192');
    expect(() => utrnValue({ pence: 1.5 })).toThrow(RangeError);
  });

  it('refuses a bad request before any counter is given', () => {
    expect(() => prepareToken('OpenHan', { minutes: 0, deviceClass: 1 })).toThrow(/minutes must be 1..255/);
    expect(() => prepareToken('OpenHan', { minutes: 5 })).toThrow('OpenHan needs "deviceClass"');
    expect(() => prepareToken('Supply', { action: 2, pence: 1 })).toThrow('Supply has no field "pence"');
    expect(() => prepareToken('TopUp', { pence: 1, amount: 2 })).toThrow('TopUp has no field "amount"');
    expect(() => prepareToken('DeductCredit', { amount: 2 ** 24 })).toThrow('"amount" of DeductCredit must be an integer 0..16777215, got 16777216');
    const issue = prepareToken('DeductCredit', { amount: 250 });
    expect(() => issue(RTDS, 0)).toThrow(/utrnCounter/);
    expect(issue(RTDS, 2).token).toHaveLength(40);
  });

  it('names the bad key field and never echoes key material', () => {
    expect(() => issueToken({ ...RTDS, sharedSecret: 'feedface' }, 'TopUp', { pence: 1 }, 1)).toThrow('sharedSecret must be 64 hex digits');
    expect(() => issueToken({ ...pem, devicePublicKey: 'not a key' }, 'TopUp', { pence: 1 }, 1)).toThrow(/not a usable P-256 pair/);
  });
});
