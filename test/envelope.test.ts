// Envelopes (tokens.md 8) through the device, malformed input of every kind, and key generation.
import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeys } from '../cli/keygen.js';
import { loadKeySetFromObject } from '../cli/keyset.js';
import { Device } from '../protocol/device.js';
import { hexToBytes } from '../firmware/tokens/crypto.js';
import { issueEnvelope, signCompact } from '../vending/envelope.js';
import { issueUtrn } from '../vending/utrn.js';
import { device, readout, RTDS } from './helpers.js';

const SK = hexToBytes('f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1');
const PK = 'c7abd9cda226f96ce99df02d3d01660b5a22e3fec8cd51ea801402b9dcfef148';
const issuer = { originatorId: RTDS.originatorId, deviceId: RTDS.deviceId, signingKey: SK };
const payload = (extra: Record<string, unknown> = {}) => ({ v: 1, originatorId: RTDS.originatorId, deviceId: RTDS.deviceId, utrnCounter: 1, commands: [{ name: 'TopUp', amountPence: 100 }], ...extra });
const header = { alg: 'EdDSA', typ: 'nowan-cmd+jws', kid: RTDS.originatorId };
const send = (d: Device, jws: string) => d.handle({ op: 'envelope', jws }) as any;

describe('envelope checks in order (tokens.md 8)', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['bad base64url', 'ab$.cd.ef', { result: 'FormatError' }],
    ['padding', signCompact(header, payload(), SK).replace(/\.([^.]+)$/, '.$1='), { result: 'FormatError' }],
    ['empty part', 'abc..def', { result: 'FormatError' }],
    ['JSON array payload', signCompact(header, [1, 2], SK), { result: 'FormatError' }],
    ['wrong typ', signCompact({ ...header, typ: 'JWT' }, payload(), SK), { result: 'FormatError' }],
    ['unknown kid', signCompact({ ...header, kid: '0000000000000001' }, payload(), SK), { result: 'FormatError' }],
    ['extra header key', signCompact({ ...header, crit: ['x'] }, payload(), SK), { result: 'FormatError' }],
    ['v 2', signCompact(header, payload({ v: 2 }), SK), { result: 'FormatError' }],
    ['no commands', signCompact(header, payload({ commands: [] }), SK), { result: 'FormatError' }],
    ['counter not an integer', signCompact(header, payload({ utrnCounter: 1.5 }), SK), { result: 'FormatError' }],
    ['counter above 2^32 - 1', signCompact(header, payload({ utrnCounter: 2 ** 32 }), SK), { result: 'FormatError' }],
    ['deviceId not a string', signCompact(header, payload({ deviceId: 7 }), SK), { result: 'FormatError' }],
    ['signature by another key', signCompact(header, payload(), hexToBytes('22'.repeat(32))), { result: 'Invalid' }],
    ['another meter', signCompact(header, payload({ deviceId: '00DB1234567890A1' }), SK), { result: 'Invalid' }],
    ['missing field', signCompact(header, payload({ commands: [{ name: 'DeductCredit' }] }), SK), { result: 'FormatError', index: 0 }],
    ['field out of range', signCompact(header, payload({ commands: [{ name: 'TopUp', amountPence: 1 }, { name: 'OpenHan', minutes: 0, deviceClass: 0 }] }), SK), { result: 'FormatError', index: 1 }],
    ['TopUp of 0', signCompact(header, payload({ commands: [{ name: 'TopUp', amountPence: 0 }] }), SK), { result: 'FormatError', index: 0 }],
    ['counter 0', signCompact(header, payload({ utrnCounter: 0 }), SK), { result: 'Expired' }],
  ];
  for (const [what, jws, expected] of cases) {
    it(`${what}: ${expected.result}, nothing applied`, () => {
      const d = device({ supplierSigningPublicKey: PK });
      expect(send(d, jws)).toMatchObject({ ok: true, ...expected });
      if (!('index' in expected)) expect(send(d, jws)).not.toHaveProperty('index');
      const r = readout(d);
      expect(r.meterBalance).toBe(0);
      expect(r.utrnCounters).toEqual([]);
      expect(r.events.at(-1).name).toBe('tokenRejected');
      expect(r.ppmid.invalidCount + r.keypad.invalidCount).toBe(0);
    });
  }

  it('more than 4 KiB is a FormatError', () => {
    const big = issueEnvelope(issuer, 1, Array.from({ length: 16 }, () => ({ name: 'TopUp', amountPence: 1, pad: 'x'.repeat(300) })));
    expect(big.length).toBeGreaterThan(4096);
    expect(send(device({ supplierSigningPublicKey: PK }), big)).toMatchObject({ result: 'FormatError' });
  });

  it('random bytes never escape as an exception', () => {
    const d = device({ supplierSigningPublicKey: PK });
    for (let i = 0; i < 200; i++) {
      const junk = Buffer.from(Array.from({ length: (i * 37) % 300 }, (_, j) => (i * 131 + j * 7) % 256)).toString('latin1');
      const r = send(d, junk);
      expect(r.ok).toBe(true);
      expect(['FormatError', 'Invalid']).toContain(r.result);
    }
  });
});

describe('keys gen (HKDF-derived, deterministic)', () => {
  it('HKDF-SHA256 as used by keys gen reproduces RFC 5869 test case 1', () => {
    const okm = hkdfSync('sha256', Buffer.alloc(22, 0x0b), Buffer.from('000102030405060708090a0b0c', 'hex'), Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'), 42);
    expect(Buffer.from(okm).toString('hex')).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });

  it('the same seed gives the same key set; a different seed a different one', () => {
    expect(generateKeys(Buffer.from([0]))).toEqual(generateKeys(Buffer.from([0])));
    expect(generateKeys(Buffer.from([1])).keyset.originatorId).not.toBe(generateKeys(Buffer.from([0])).keyset.originatorId);
  });

  it('a meter configured with its PEM key agreement accepts a token and an envelope from the key set', () => {
    const { keyset, meter } = generateKeys(Buffer.from([0]));
    const keys = loadKeySetFromObject(keyset, 'generated');
    const d = new Device();
    expect(d.handle({ op: 'reset', meter, time: '2026-02-02T08:00:00Z' })).toEqual({ ok: true });
    expect(d.handle({ op: 'token', digits: issueUtrn(keys.party, 1, 'pennies', 500).token })).toMatchObject({ result: 'Accepted' });
    const jws = issueEnvelope({ originatorId: keys.originatorId, deviceId: keys.deviceId, signingKey: keys.signingPrivateKey! }, 2, [{ name: 'TopUp', amountPence: 100 }]);
    expect(send(d, jws)).toMatchObject({ result: 'Accepted' });
    expect(readout(d).meterBalance).toBe(600_000);
  });
});
