// The machine's start-up check (state-check.ts registersProblem): what it refuses, with the exact
// message, and that it is the registers-and-lists part only, the commissioned configuration being the
// full check's (meterStateProblem) alone.
import { describe, expect, it } from 'vitest';
import { meterStateProblem, registersProblem } from '../firmware/state-check.js';
import { meterState } from './helpers.js';

describe('registersProblem', () => {
  it('a value that is not an object (an array included) is refused as such', () => {
    for (const v of [null, undefined, 5, 'meter', [], [meterState()]]) expect(registersProblem(v)).toBe('the meter state is not an object');
  });

  it('a commissioned state passes', () => {
    expect(registersProblem(meterState({ utrnCounters: [5, 7] }))).toBeNull();
  });

  it('a state whose registers cannot even be read is refused as malformed, with what went wrong', () => {
    const s = { ...meterState(), han: null };
    // the check reads s.han.devices: what reading `devices` of null throws
    let why = '';
    try {
      void (null as unknown as { devices: unknown }).devices;
    } catch (e) {
      why = (e as Error).message;
    }
    expect(why).not.toBe('');
    expect(registersProblem(s)).toBe(`the meter state is malformed (${why})`);
  });

  it('does not look at the commissioned configuration, which the full check refuses', () => {
    const s = { ...meterState(), commissioned: null };
    expect(registersProblem(s)).toBeNull();
    expect(meterStateProblem(s)).toBe('the commissioned configuration is malformed');
  });

  it('a register problem is the full check\'s answer too, before the commissioned configuration', () => {
    const s = { ...meterState(), commissioned: null, utrnCounters: [7, 5] };
    expect(registersProblem(s)).toBe('utrnCounters must be distinct counters in ascending order');
    expect(meterStateProblem(s)).toBe('utrnCounters must be distinct counters in ascending order');
  });
});
