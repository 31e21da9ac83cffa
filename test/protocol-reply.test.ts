// The meter's outcomes on the wire (conformance.md section 1), to the byte: the vectors match
// replies partially, so the order of the keys a DUT's tooling may diff is held here.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../firmware/meter.js';
import type { TokenOutcome } from '../firmware/tokens/results.js';
import { replyOf } from '../protocol/device.js';

const wire = (o: Outcome) => JSON.stringify(replyOf(o));

const checkDigit: TokenOutcome = { result: 'CheckDigitError', block: 2, message: 'block 2 fails its check digit', display: 'CHECK CODE' };
const rejected: TokenOutcome = { result: 'Rejected', reason: 'maxBalance', index: 1, message: 'over the maximum balance', display: 'ACCOUNT HIGH' };

describe('replyOf', () => {
  it('time, load, energy and power answer plain ok', () => {
    expect(wire({ kind: 'done' })).toBe('{"ok":true}');
  });

  it('a token answers one flat object: result, reason, block, index when present, message, display', () => {
    expect(wire({ kind: 'token', token: checkDigit })).toBe('{"ok":true,"result":"CheckDigitError","block":2,"message":"block 2 fails its check digit","display":["CHECK CODE"]}');
    expect(wire({ kind: 'token', token: rejected })).toBe('{"ok":true,"result":"Rejected","reason":"maxBalance","index":1,"message":"over the maximum balance","display":["ACCOUNT HIGH"]}');
  });

  it('keys answer what stays typed, after the fields of the last submission if there was one', () => {
    expect(wire({ kind: 'keys', buffer: '12', token: null })).toBe('{"ok":true,"buffer":"12"}');
    expect(wire({ kind: 'keys', buffer: '', token: checkDigit })).toBe('{"ok":true,"result":"CheckDigitError","block":2,"message":"block 2 fails its check digit","display":["CHECK CODE"],"buffer":""}');
  });

  it('a local action answers accepted, or not with the reason', () => {
    expect(wire({ kind: 'button', accepted: true })).toBe('{"ok":true,"accepted":true}');
    expect(wire({ kind: 'button', accepted: false, reason: 'ecNotAvailable' })).toBe('{"ok":true,"accepted":false,"reason":"ecNotAvailable"}');
    expect(wire({ kind: 'join', accepted: false, reason: 'noJoinWindow' })).toBe('{"ok":true,"accepted":false,"reason":"noJoinWindow"}');
  });

  it('a refusal answers ok:false with its code and message', () => {
    expect(wire({ kind: 'refused', code: 'powerOff', message: 'the meter has no power' })).toBe('{"ok":false,"error":{"code":"powerOff","message":"the meter has no power"}}');
  });
});
