// Command effects, credit rules and state copies (prepayment.md sections 2, 4, 5 and 6, clarifications
// 13, 14 and 23) at the edges the other tests stepped over: a balance exactly at its maximum, which EC
// states a new limit replaces, what RevertToDefaults restores, gas supply commands not from the keypad,
// and copies (drafts, read-outs) that must not share arrays with the state they came from.
import { describe, expect, it } from 'vitest';
import { applyCommand, type DomainCommand } from '../firmware/commands.js';
import { disablementDeferred, supplyCommand } from '../firmware/supply.js';
import { joinDevice } from '../firmware/han.js';
import { readout } from '../firmware/readout.js';
import { insertCapped, pushCapped } from '../firmware/capped.js';
import { logEvent } from '../firmware/events.js';
import { cloneState } from '../firmware/sections.js';
import { schedulePrice } from '../firmware/tariff.js';
import type { MeterState } from '../firmware/state.js';
import { TOP_UP_LOG_LIMIT } from '../firmware/topup.js';
import { cacheCounter } from '../firmware/tokens/counter-cache.js';
import { meterState, T0 } from './helpers.js';

const time = Date.parse(T0) / 1000;
const run = (s: MeterState, cmd: DomainCommand) => applyCommand(s, cmd, { source: 'keypad', utrnCounter: 10 });
const setConfig = (parameter: number, pence: number) => ({ name: 'SetConfig', fields: { parameter, sign: 0, value: pence } }) as DomainCommand;
const revert = (scope: number, tenancyDay = 1) => ({ name: 'RevertToDefaults', fields: { scope, tenancyDay } }) as DomainCommand;

describe('SetCredit', () => {
  it('a balance exactly at maxMeterBalance is accepted', () => {
    const s = meterState();
    // factory maxMeterBalance is 500 pounds = 50,000 p = 50,000,000 mp
    expect(run(s, { name: 'SetCredit', fields: { sign: 0, amount: 50_000 } })).toBeNull();
    expect(s.meterBalance).toBe(50_000_000);
  });
});

describe('SetConfig and the EC balance (clarifications 13)', () => {
  // factory EC limit 10 pounds = 1,000,000 mp; EC threshold 1 pound: a balance of 0 makes EC available.
  it('a new EC limit becomes the balance of an available EC, also when higher', () => {
    const s = meterState();
    expect(s.emergencyCredit).toEqual({ state: 'available', balance: 1_000_000 });
    run(s, setConfig(0, 2_000)); // 2,000 p = 2,000,000 mp
    expect(s.emergencyCredit).toEqual({ state: 'available', balance: 2_000_000 });
  });
  it('a higher limit does not refill an active EC', () => {
    const s = meterState({ emergencyCredit: { state: 'active', balance: 400_000 } });
    run(s, setConfig(0, 2_000));
    expect(s.emergencyCredit).toEqual({ state: 'active', balance: 400_000 });
  });
  it('another parameter leaves the EC balance alone', () => {
    const s = meterState();
    run(s, setConfig(2, 300)); // lowCreditThreshold 300 p
    expect(s.config.lowCreditThreshold).toBe(300_000);
    expect(s.emergencyCredit).toEqual({ state: 'available', balance: 1_000_000 });
  });
});

describe('RevertToDefaults (clarifications 23)', () => {
  it('the config scope returns an idle EC to the commissioned limit', () => {
    const s = meterState();
    run(s, setConfig(0, 2_000));
    run(s, revert(16));
    expect(s.emergencyCredit).toEqual({ state: 'available', balance: 1_000_000 });
    expect(Object.keys(s.config).sort()).toEqual(Object.keys(meterState().config).sort());
  });
  it('prices changed after a tariff revert in the same input do not become the commissioned ones', () => {
    // An envelope applies its commands to one draft: revert, change price 0, and revert again.
    const s = meterState();
    run(s, revert(4));
    run(s, { name: 'ChangePrice', fields: { element: 0, price: 30_000, activationDay: 0, activationMinute: 0 } });
    expect(s.tariff.prices[0]).toBe(30_000);
    run(s, revert(4));
    expect(s.tariff.prices[0]).toBe(24_500); // factory price
  });
  it('the tariff scope restores the commissioned TOU switches', () => {
    const slot = { enabled: true, daysMask: 127, startMinute: 480, rate: 2 };
    const s = meterState({ tariff: { touSwitch: [slot] } });
    run(s, { name: 'SetTouSwitch', fields: { slot: 0, enabled: 0, daysMask: 0, startMinute: 0, rate: 0 } });
    run(s, revert(4));
    expect(readout(s).tariff.touSwitch[0]).toStrictEqual(slot);
  });
  it('tenancy day 0 is today', () => {
    const s = meterState();
    run(s, revert(1, 0));
    // 2000-01-01 to 2026-01-01: 26 * 365 + 7 leap days (2000..2024) = 9,497; + 31 (January) + 1 = 9,529
    expect(s.tenancyStartDay).toBe(9_529);
  });
});

describe('Supply on gas (clarifications 14)', () => {
  it.each(['ppmid', 'envelope'] as const)('enable from %s arms a disabled gas supply', (from) => {
    const s = meterState({ fuel: 'gas', supply: 'disabled', meterBalance: 5_000_000 });
    supplyCommand(s, 'enable', from);
    expect(s.supply).toBe('armed');
  });
});

describe('credit mode', () => {
  it('an enabled supply stays enabled', () => {
    const s = meterState({ paymentMode: 'credit', meterBalance: -5_000_000 });
    expect([s.supply, s.disableReason]).toEqual(['enabled', null]);
  });
});

describe('disablement deferred by a calendar period', () => {
  // Deferred: prepayment, supply enabled or armed, credit below the disablement threshold (factory 0).
  const state = (paymentMode: 'credit' | 'prepayment', supply: MeterState['supply'], meterBalance: number) => {
    const s = meterState();
    Object.assign(s, { paymentMode, supply, meterBalance });
    return s;
  };
  it.each([
    ['prepayment', 'enabled', -1, true],
    ['prepayment', 'armed', -1, true],
    ['prepayment', 'disabled', -1, false],
    ['credit', 'enabled', -1, false],
    ['prepayment', 'enabled', 0, false], // credit equal to the threshold is not below it
  ] as const)('%s, %s, balance %d: %s', (mode, supply, balance, deferred) => {
    expect(disablementDeferred(state(mode, supply, balance))).toBe(deferred);
  });
});

describe('a top-up that repays EC (prepayment.md section 5, clarifications 31)', () => {
  it('leaves it unavailable when the balance reaches exactly the EC threshold', () => {
    const s = meterState({ emergencyCredit: { state: 'exhausted', balance: 0 } });
    const logged = s.events.length;
    // 1,100 p = 1,100,000 mp: 1,000,000 repays EC to its limit, 100,000 = the EC threshold goes to the balance.
    expect(run(s, { name: 'TopUp', fields: { amountPence: 1_100 } })).toBeNull();
    expect(s.meterBalance).toBe(100_000);
    expect(s.emergencyCredit).toEqual({ state: 'unavailable', balance: 1_000_000 });
    // never available on the way: no emergencyCreditAvailable event
    expect(s.events.slice(logged).map((e) => e.name)).not.toContain('emergencyCreditAvailable');
  });
});

describe('a top-up with EC not in use (prepayment.md section 5)', () => {
  it('repays nothing into an available EC, even one configured below its limit (step 3 repays only active or exhausted EC, clarifications 31)', () => {
    const s = meterState({ emergencyCredit: { state: 'available', balance: 200_000 } });
    // Step 3 repays only an active or exhausted EC: all 10 p = 10,000 mp go to the balance.
    expect(run(s, { name: 'TopUp', fields: { amountPence: 10 } })).toBeNull();
    expect(s.meterBalance).toBe(10_000);
    expect(s.emergencyCredit).toEqual({ state: 'available', balance: 200_000 });
  });
});

describe('HAN join window', () => {
  it('is closed at its end instant', () => {
    const s = meterState({ han: { joinWindow: { until: T0, deviceClass: 'any' } } });
    expect(s.time).toBe(time);
    expect(joinDevice(s, 'ihd', '0011223344556677')).toBe('noJoinWindow');
  });
});

describe('copies share no arrays with the state', () => {
  it('a draft changes prices of its own, and its logs are replaced, never changed in place', () => {
    const s = meterState();
    const d = cloneState(s);
    // A ChangePrice due now on the draft gives the draft a new tariff; the state keeps its own.
    schedulePrice(d, 0, 1, d.time);
    expect([d.tariff.prices[0], s.tariff.prices[0]]).toEqual([1, 24_500]);
    // The logs and the counter cache are shared with the draft until it writes one: then it has a new one.
    logEvent(d, 'lowCredit');
    d.topUps = pushCapped(d.topUps, { time, amount: 1, source: 'keypad', utrnCounter: 1 }, TOP_UP_LOG_LIMIT);
    d.utrnCounters = cacheCounter(d.utrnCounters, 7);
    // The commissioned state holds one event (emergencyCreditAvailable at a zero balance).
    expect([s.events.length, s.topUps, s.utrnCounters]).toEqual([1, [], []]);
    expect([d.events.length, d.topUps.length, d.utrnCounters]).toEqual([2, 1, [7]]);
  });

  it('a bounded list drops its oldest beyond the limit; an entry inserted before all of a full list is itself dropped', () => {
    expect(insertCapped([1, 2, 3], 1, 9, 4)).toEqual([1, 9, 2, 3]);
    expect(insertCapped([1, 2, 3], 3, 9, 3)).toEqual([2, 3, 9]);
    expect(insertCapped([1, 2, 3], 1, 9, 3)).toEqual([9, 2, 3]);
    expect(insertCapped([1, 2, 3], 0, 9, 3)).toEqual([1, 2, 3]);
    expect(pushCapped([1, 2], 3, 2)).toEqual([2, 3]);
    const list = [1, 2];
    pushCapped(list, 3, 5);
    expect(list).toEqual([1, 2]);
  });
  it('a read-out is a snapshot', () => {
    const s = meterState({ utrnCounters: [5] });
    const r = readout(s);
    r.tariff.prices[0] = 1;
    r.utrnCounters.push(6);
    expect(s.tariff.prices[0]).toBe(24_500);
    expect(s.utrnCounters).toEqual([5]);
  });
});
