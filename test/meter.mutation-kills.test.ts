// The meter's operations at their edges (conformance.md section 1, clarifications 6, 7, 24 and 27),
// in process: refusals without power change nothing, power on while on does nothing, a load step
// may fall on the advance's target, and an emptied keypad buffer leaves no timeout behind.
import { describe, expect, it } from 'vitest';
import { parseIso } from '../firmware/clock.js';
import { advance, enterDigits, envelope, join, pressButton, pressKeys, setPower } from '../firmware/meter.js';
import { advanceTo } from '../firmware/timeline.js';
import { meterState } from './helpers.js';

const at = (iso: string) => parseIso(iso)!;
// A £12.34 top-up for the RTDS meter (machine.test.ts).
const UTRN = '73947252416745201637';
const POWER_OFF = { kind: 'refused', code: 'powerOff', message: expect.stringMatching(/no power/) };

describe('advance requests', () => {
  it('a target before now, or not a whole second, is refused and changes nothing', () => {
    const s = meterState();
    for (const target of [s.time - 1, s.time + 0.5]) {
      const r = advance(s, target);
      expect(r.state).toBe(s);
      expect(r.outcome).toEqual({ kind: 'refused', code: 'badRequest', message: expect.stringMatching(/backwards/) });
    }
  });

  it('load steps out of order, or with bad watts, are refused with a message saying which', () => {
    const s = meterState();
    expect(advance(s, s.time + 60, [{ at: s.time + 61, watts: 1 }]).outcome).toEqual({ kind: 'refused', code: 'badRequest', message: expect.stringMatching(/time order/) });
    expect(advance(s, s.time + 60, [{ at: s.time, watts: -1 }]).outcome).toEqual({ kind: 'refused', code: 'badRequest', message: expect.stringMatching(/watts/) });
  });

  it('a load step exactly at the target is within the advance: it sets the load, nothing is imported', () => {
    const s = meterState({ meterBalance: 1_000_000 });
    const r = advance(s, s.time + 60, [{ at: s.time + 60, watts: 1000 }]);
    expect(r.outcome).toEqual({ kind: 'done' });
    expect(r.state.time).toBe(s.time + 60);
    expect(r.state.loadW).toBe(1000);
    expect(r.state.energy.importJ).toBe(0);
  });
});

describe('without power (conformance.md section 1: ok:false powerOff, nothing changes)', () => {
  // EC available (balance 0 < the £1 threshold), an IHD join window open, digits in the buffer: each
  // request below would change something if the meter had power.
  const off = () =>
    setPower(meterState({ meterBalance: 0, han: { joinWindow: { until: '2026-02-02T09:00:00Z', deviceClass: 'any' } } }), false).state;

  it('keys, digits, envelopes, buttons and joins are refused', () => {
    const s = off();
    expect(s.emergencyCredit.state).toBe('available');
    for (const r of [
      pressKeys(s, '12'),
      enterDigits(s, UTRN, 'keypad'),
      envelope(s, 'a.b.c'),
      pressButton(s, 'A', 'meter'),
      pressButton(s, 'B', 'meter'),
      join(s, 'ihd', '0011223344556677'),
    ]) {
      expect(r.outcome).toEqual(POWER_OFF);
      expect(r.state).toBe(s);
    }
  });

  it('power off while off and on while on do nothing and log nothing (clarifications 7)', () => {
    const s = off();
    const offAgain = setPower(s, false);
    expect(offAgain.state).toBe(s);
    expect(offAgain.outcome).toEqual({ kind: 'done' });
    const powered = setPower(s, true).state;
    expect(powered.events.map((e) => e.name).slice(-2)).toEqual(['powerOff', 'powerOn']);
    const again = setPower(powered, true);
    expect(again.state).toBe(powered);
    expect(again.outcome).toEqual({ kind: 'done' });
  });
});

describe('the keypad buffer', () => {
  it('a top-up typed on the keypad is logged with source keypad (clarifications 24)', () => {
    const s = meterState();
    const r = pressKeys(s, `${UTRN}#`);
    expect(r.outcome).toMatchObject({ kind: 'keys', buffer: '', token: { result: 'Accepted' } });
    expect(r.state.meterBalance).toBe(1_234_000);
    expect(r.state.topUps.at(-1)).toMatchObject({ amount: 1_234_000, source: 'keypad' });
  });

  it('an entry cleared by *, < or # leaves no 20 s timeout: the advance makes no stop for it', () => {
    for (const keys of ['12*', '12<<', `${UTRN}#`]) {
      const s = pressKeys(meterState({ meterBalance: 1_000_000 }, at('2026-02-02T12:00:00Z')), keys).state;
      expect(s.keypad.buffer).toBe('');
      expect(s.keypad.lastKeyAt).toBeNull();
      expect(advanceTo(s, at('2026-02-02T12:01:00Z'))).toBe(1); // the target only
    }
  });
});
