// The public library API (index.ts), as a harness or vending prototype would use it.
import { describe, expect, it } from 'vitest';
import { createMeter, inspectToken, issueEnvelope, issueToken, runConformance } from '../index.js';
import { RTDS } from './helpers.js';

describe('library API', () => {
  it('createMeter + issueToken: a £10 UTRN (counter 3) is the published one and adds 1,000,000 mp', () => {
    const meter = createMeter({ ...RTDS }, '2026-02-02T08:00:00Z');
    const t = issueToken(RTDS, 'TopUp', { pounds: 10 }, 3);
    expect(t.grouped).toBe('73946 14433 20402 17315');
    expect(meter.token(t.token)).toMatchObject({ ok: true, result: 'Accepted' });
    expect(meter.read().meterBalance).toBe(1_000_000);
  });

  it('issueToken for a command matches the worked example', () => {
    expect(issueToken(RTDS, 'DeductCredit', { amount: 250 }, 10).grouped).toBe('05483 09083 56625 61489 92716 21178 10112 02581');
  });

  it('inspectToken with the meter keys verifies the MAC', () => {
    expect(inspectToken('73946144332040217315', RTDS)).toMatchObject({ family: 'GBCS UTRN', utrnCounter: 3, mac: 'OK' });
  });

  it('issueEnvelope signs a batch a meter accepts', () => {
    const meter = createMeter({ ...RTDS, supplierSigningPublicKey: 'c7abd9cda226f96ce99df02d3d01660b5a22e3fec8cd51ea801402b9dcfef148' }, '2026-02-02T08:00:00Z');
    const jws = issueEnvelope(RTDS, 'f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1', 1, [{ name: 'TopUp', amountPence: 250 }]);
    expect(meter.envelope(jws)).toMatchObject({ result: 'Accepted' });
  });

  it('bad input is a RangeError naming the field, or an ok:false reply', () => {
    expect(() => createMeter({ meterBalance: 'lots' })).toThrow(/meter.meterBalance/);
    expect(() => issueToken(RTDS, 'TopUp', { pounds: 9000 }, 1)).toThrow(RangeError);
    expect(createMeter().advance({ seconds: -1 })).toMatchObject({ ok: false });
  });

  it('runConformance runs the shipped suite and says it is the published one, and who answered', async () => {
    const r = await runConformance({ filter: 'TOK-00*' });
    expect(r.failed).toBe(0);
    expect(r.total).toBeGreaterThan(5);
    expect(r.suite).toMatchObject({ status: 'unmodified', signature: 'valid', modified: [], missing: [], extra: [] });
    expect(r.dut).toEqual({ name: 'nowan model', version: '0.1.0', protocol: 1, transport: 'model', target: 'in-process model' });
  });
});
