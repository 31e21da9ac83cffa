// Commissioning rules (conformance.md section 3, clarifications 15, 27, 35) that the other configure
// tests left to chance: which half of a key-agreement pair is missing, the path each array names in
// its error, a mistyped value that is not a string, and the credit state a configuration starts in.
import { describe, expect, it } from 'vitest';
import { badConfigMessage, commissionedReadout, RTDS, rtdsMeter, T0 } from './helpers.js';

const time = Date.parse(T0) / 1000;
const meter = rtdsMeter;
const rejected = (m: unknown) => badConfigMessage(m, time);
const commissioned = (m: unknown) => commissionedReadout(m, time);

describe('a key-agreement pair needs both halves', () => {
  // Without sharedSecret the meter derives Z from its private key and the supplier's public key: one
  // half alone is a configuration error naming the half that is missing, not a meter without keys.
  it('the private key alone names the missing public key', () => {
    expect(rejected({ fuel: 'electricity', deviceKeyAgreementPrivateKey: 'x' })).toBe(
      'meter.supplierPrepaymentPublicKey: expected a PEM public key or certificate, got undefined',
    );
  });
  it('the public key alone names the missing private key', () => {
    expect(rejected({ fuel: 'electricity', supplierPrepaymentPublicKey: 'x' })).toBe(
      'meter.deviceKeyAgreementPrivateKey: expected a PEM private key, got undefined',
    );
  });
});

describe('hex that is not a string is refused, even when its text would pass', () => {
  // An array of one hex string prints as that string; it is still not a string.
  it('sharedSecret as an array', () => {
    expect(rejected(meter({ sharedSecret: [RTDS.sharedSecret] }))).toBe('meter.sharedSecret: expected 32 bytes of hex');
  });
  it('deviceId as an array', () => {
    expect(rejected(meter({ deviceId: [RTDS.deviceId] }))).toBe('meter.deviceId: expected 8 bytes of hex, got ["00DB1234567890A0"]');
  });
});

describe('each array names its own path', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ han: { devices: 'x' } }, 'meter.han.devices: expected an array of at most 8, got "x"'],
    [{ utrnCounters: 'x' }, 'meter.utrnCounters: expected an array of at most 100, got "x"'],
    [{ tariff: { prices: 'x' } }, 'meter.tariff.prices: expected an array of at most 8, got "x"'],
    [{ tariff: { touSwitch: 'x' } }, 'meter.tariff.touSwitch: expected an array of at most 16, got "x"'],
    [{ tariff: { pending: 'x' } }, 'meter.tariff.pending: expected an array of at most 9, got "x"'],
    [{ calendars: { friendlyCredit: 'x' } }, 'meter.calendars.friendlyCredit: expected an array of at most 8, got "x"'],
    [{ calendars: { nonDisconnect: 'x' } }, 'meter.calendars.nonDisconnect: expected an array of at most 8, got "x"'],
  ];
  it.each(cases)('%j', (extra, message) => expect(rejected(meter(extra))).toBe(message));
});

describe('calendar slots', () => {
  it('an enabled non-disconnect period without a start is refused', () => {
    expect(rejected(meter({ calendars: { nonDisconnect: [{ enabled: true, end: '2026-02-03T08:00:00Z' }] } }))).toBe(
      'meter.calendars.nonDisconnect[0]: expected start and end for an enabled period, got {"enabled":true,"end":"2026-02-03T08:00:...', // shown() stops at 40 characters
    );
  });
  it('a friendly-credit slot keeps the factory values of the keys it does not give (clarifications 35)', () => {
    const r = commissioned(meter({ calendars: { friendlyCredit: [{ enabled: true, daysMask: 127, startMinute: 60 }] } }));
    // factory slot: { enabled: false, daysMask: 0, startMinute: 0, endMinute: 0 }
    expect(r.calendars.friendlyCredit[0]).toStrictEqual({ enabled: true, daysMask: 127, startMinute: 60, endMinute: 0 });
  });
});

describe('supply and its reason as configured', () => {
  it('disabled with reason null is disabled for command (clarifications 15)', () => {
    const r = commissioned(meter({ supply: 'disabled', disableReason: null }));
    expect([r.supply, r.disableReason]).toEqual(['disabled', 'command']);
  });
  it.each(['prepayment', 'credit'])('a reason given without a supply leaves the factory-enabled supply without one (%s)', (paymentMode) => {
    // decisions.md 5: an enabled or armed supply has reason null whatever the configuration says.
    const r = commissioned(meter({ paymentMode, disableReason: 'credit' }));
    expect([r.supply, r.disableReason]).toEqual(['enabled', null]);
  });
  it('disabled for credit with credit below the threshold stays disabled for credit', () => {
    // credit -5,000,000 mp < disablementThreshold (factory 0): section 4 keeps it disabled, reason credit.
    const r = commissioned(meter({ paymentMode: 'prepayment', supply: 'disabled', disableReason: 'credit', meterBalance: -5_000_000 }));
    expect([r.supply, r.disableReason]).toEqual(['disabled', 'credit']);
  });
});
