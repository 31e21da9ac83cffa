// HAN joins (prepayment.md section 6 OpenHan, clarifications 22): device IDs compare without case, a
// device joins once, and the window is over at its end.
import { describe, expect, it } from 'vitest';
import { issueCommandToken } from '../vending/command-token.js';
import { device, readout, rtdsParty } from './helpers.js';

const openHan = (minutes: number) => issueCommandToken(rtdsParty, 1, 'OpenHan', { minutes, deviceClass: 0 }).token;

describe('joining', () => {
  it('a device ID with letters joins once, whatever its case', () => {
    const d = device();
    d.handle({ op: 'token', digits: openHan(10) });
    const join = (deviceId: string) => d.handle({ op: 'join', deviceClass: 'ihd', deviceId });
    expect(join('aabbccddeeff0011')).toEqual({ ok: true, accepted: true });
    expect(join('aabbccddeeff0011')).toEqual({ ok: true, accepted: true });
    expect(join('AABBCCDDEEFF0011')).toEqual({ ok: true, accepted: true });
    expect(readout(d).han.devices).toHaveLength(1);
  });

  it('the window is open until its last second and over at its end', () => {
    const d = device();
    d.handle({ op: 'token', digits: openHan(10) });
    d.handle({ op: 'advance', seconds: 599 });
    expect(d.handle({ op: 'join', deviceClass: 'cad', deviceId: '0011223344556677' })).toEqual({ ok: true, accepted: true });
    d.handle({ op: 'advance', seconds: 1 });
    expect(d.handle({ op: 'join', deviceClass: 'cad', deviceId: '0011223344556688' })).toEqual({ ok: true, accepted: false, reason: 'noJoinWindow' });
    expect(readout(d).han.joinWindow).toBeNull();
  });
});
