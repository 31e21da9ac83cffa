// The device under test's request checks (conformance.md section 1, clarifications 27): every
// malformed request is refused with its code and a message naming the field, and changes nothing.
import { describe, expect, it } from 'vitest';
import { Device } from '../protocol/device.js';
import { device, readout, T0 } from './helpers.js';

const bad = (message: string) => ({ ok: false, error: { code: 'badRequest', message } });

describe('malformed requests', () => {
  const cases: [unknown, unknown][] = [
    [{ op: 'advance' }, bad('advance takes exactly one of seconds or to')],
    [{ op: 'advance', seconds: 1, to: T0 }, bad('advance takes exactly one of seconds or to')],
    [{ op: 'advance', seconds: -1 }, bad('advance.seconds must be an integer >= 0')],
    [{ op: 'advance', seconds: 1.5 }, bad('advance.seconds must be an integer >= 0')],
    [{ op: 'advance', seconds: '60' }, bad('advance.seconds must be an integer >= 0')],
    [{ op: 'advance', to: 'tomorrow' }, bad('advance.to must be an ISO-8601 UTC time such as 2026-01-05T09:00:00Z')],
    [{ op: 'advance', to: '2026-02-02T07:59:59Z' }, bad('advance.to is before the meter time')],
    [{ op: 'load', watts: -1 }, bad('load.watts must be an integer 0..1000000')],
    [{ op: 'load', watts: 1_000_001 }, bad('load.watts must be an integer 0..1000000')],
    [{ op: 'consume', wh: 0.5 }, bad('consume.wh must be an integer 0..1000000000')],
    [{ op: 'consume', wh: 1_000_000_001 }, bad('consume.wh must be an integer 0..1000000000')],
    [{ op: 'keys', keys: '12a' }, bad('keys.keys must be a string of 0-9, #, *, <')],
    [{ op: 'keys', keys: 12 }, bad('keys.keys must be a string of 0-9, #, *, <')],
    [{ op: 'token', digits: '1', source: 'ihd' }, bad('token.source must be keypad or ppmid')],
    [{ op: 'token', digits: '12x' }, bad('token.digits must be digits, spaces and dashes')],
    [{ op: 'token', digits: 12 }, bad('token.digits must be digits, spaces and dashes')],
    [{ op: 'envelope', jws: 5 }, bad('envelope.jws must be a string')],
    [{ op: 'button', button: 'A', where: 'wall' }, bad('button.where must be meter or ppmid')],
    [{ op: 'button', button: 'C' }, bad('button.button must be A or B')],
    [{ op: 'join', deviceClass: 'any', deviceId: '0011223344556677' }, bad('join.deviceClass must be one of ihd, ppmid, cad, gasMeter')],
    [{ op: 'join', deviceClass: 'ihd', deviceId: '00112233445566' }, bad('join.deviceId must be 16 hex digits')],
    [{ op: 'join', deviceClass: 'ihd', deviceId: '0011223344556677ff' }, bad('join.deviceId must be 16 hex digits')],
    [{ op: 'join', deviceClass: 'ihd', deviceId: 11 }, bad('join.deviceId must be 16 hex digits')],
    [{ op: 'power', on: 'yes' }, bad('power.on must be a boolean')],
    [{ op: 'fly' }, { ok: false, error: { code: 'unknownOp', message: 'unknown op "fly"' } }],
    [{ op: 7 }, bad('a request needs an op')],
    [[{ op: 'read' }], bad('a request must be a JSON object')],
    [null, bad('a request must be a JSON object')],
    ['read', bad('a request must be a JSON object')],
  ];
  for (const [req, reply] of cases) {
    it(JSON.stringify(req), () => {
      const d = device({ meterBalance: 1_000_000 });
      const before = readout(d);
      expect(d.handle(req)).toEqual(reply);
      expect(readout(d)).toEqual(before);
    });
  }

  it('well-formed edge values are taken: advance 0 s, load 0 W, a token without source', () => {
    const d = device({ meterBalance: 1_000_000 });
    expect(d.handle({ op: 'advance', seconds: 0 })).toEqual({ ok: true });
    expect(d.handle({ op: 'advance', to: T0 })).toEqual({ ok: true });
    expect(d.handle({ op: 'load', watts: 0 })).toEqual({ ok: true });
    expect(d.handle({ op: 'load', watts: 1_000_000 })).toEqual({ ok: true });
    expect(d.handle({ op: 'join', deviceClass: 'ihd', deviceId: '00112233445566aA' })).toMatchObject({ ok: true, accepted: false, reason: 'noJoinWindow' });
    expect(d.handle({ op: 'power', on: false })).toEqual({ ok: true });
    expect(readout(d).power).toBe(false);
  });

  it('before a reset, and a reset at a bad time', () => {
    const d = new Device();
    expect(d.handle({ op: 'read' })).toEqual({ ok: false, error: { code: 'noMeter', message: 'no meter yet: send reset first' } });
    expect(d.handle({ op: 'reset', time: '2026-02-30T00:00:00Z' })).toEqual(bad('reset.time must be an ISO-8601 UTC time such as 2026-01-05T09:00:00Z'));
    expect(d.handleLine('   ')).toEqual({ ok: false, error: { code: 'badJson', message: 'an empty line is not a request' } });
    expect(d.handleLine('{')).toEqual({ ok: false, error: { code: 'badJson', message: 'the line is not valid JSON' } });
  });
});
