// Fleet simulation: many independent meters with varied households, each deterministic from its
// global index, so any split over workers or machines sums to the same totals.
import { HOUR, toLocal } from '../firmware/clock.js';
import { commission } from '../firmware/configure.js';
import { totalDebt } from '../firmware/debt.js';
import { step, tokenOf, type MeterEvent } from '../firmware/meter.js';
import { issueUtrn } from '../vending/utrn.js';
import { makeParty } from '../firmware/tokens/party.js';
import { PROFILES } from './profiles.js';
import { rng } from './rng.js';

export interface FleetTotals {
  meters: number;
  meterDays: number;
  disconnections: number;
  minutesOffSupply: number;
  ecActivations: number;
  /** mp recovered from time, payment and accumulated debt */
  debtRecoveredMp: number;
  topUps: number;
  toppedUpMp: number;
  /** whole watt-hours, so sums over shards are exact */
  energyWh: number;
}

export const emptyTotals = (): FleetTotals => ({ meters: 0, meterDays: 0, disconnections: 0, minutesOffSupply: 0, ecActivations: 0, debtRecoveredMp: 0, topUps: 0, toppedUpMp: 0, energyWh: 0 });

export function addTotals(a: FleetTotals, b: FleetTotals): FleetTotals {
  const out = emptyTotals();
  for (const k of Object.keys(out) as (keyof FleetTotals)[]) out[k] = a[k] + b[k];
  return out;
}

export const FLEET_START = Date.parse('2026-01-05T00:00:00Z') / 1000;
const FLEET_KEYS = { originatorId: '90B3D51F30010000', deviceId: 'DE00000000000001', sharedSecret: '006ce68d5644c399a669b86d841de5bdbfd7ea85570a2d1758aa5516947b44d8' };
const FLEET_PARTY = makeParty(FLEET_KEYS.originatorId, FLEET_KEYS.deviceId, FLEET_KEYS.sharedSecret);


/** Simulate meter `index` for `days` days; returns its totals. */
export function simulateMeter(index: number, days: number, seed = 1): FleetTotals {
  const random = rng(((index * 7919 + seed) * 2654435761) >>> 0);
  const profile = PROFILES[1 + Math.floor(random() * (PROFILES.length - 1))]!.hourly!;
  const scale = 0.6 + random();
  const weeklyPounds = 25 + Math.floor(random() * 55);
  const topUpDay = Math.floor(random() * 7);
  const topUpHour = 8 + Math.floor(random() * 12);
  const lateChance = random() * 0.4;
  const made = commission(
    {
      ...FLEET_KEYS,
      meterBalance: Math.floor(random() * 4_000_000),
      timeDebt: [{ amount: Math.floor(random() * 10_000_000), rate: 100_000, period: 'daily' }],
      paymentDebt: { amount: Math.floor(random() * 5_000_000), rateBp: 1000 },
    },
    FLEET_START,
  );
  if (!made.ok) throw new Error(made.message);
  // Each input goes through `step`, the reducer the meter machine runs for every event (no actor: a
  // fleet keeps no snapshot, and a meter-year is 8,760 hours of inputs).
  let s = made.value;
  const t = emptyTotals();
  t.meters = 1;
  t.meterDays = days;
  let counter = 1;
  let offSince: number | null = null;
  let lateUntil: number | null = null;
  const end = FLEET_START + days * 86_400;
  const apply = (event: MeterEvent) => {
    const before = totalDebt(s);
    const next = step(s, event);
    s = next.state;
    t.debtRecoveredMp += Math.max(0, before - totalDebt(s));
    return next.outcome;
  };
  const noteSupply = (wasEnabledAt: number) => {
    if (s.supply !== 'enabled' && offSince === null) offSince = wasEnabledAt;
    if (s.supply === 'enabled' && offSince !== null) {
      t.minutesOffSupply += (s.time - offSince) / 60;
      offSince = null;
    }
  };
  for (let hourStart = FLEET_START; hourStart < end; hourStart += HOUR) {
    const local = toLocal(hourStart);
    // The hour's load applies from its start: the top-up and the buttons below do not depend on it.
    const watts = Math.round(profile[Math.floor(local.secondOfDay / HOUR)]! * scale);
    // Weekly top-up, sometimes a few days late.
    if (local.weekday === topUpDay && Math.floor(local.secondOfDay / HOUR) === topUpHour && lateUntil === null) {
      lateUntil = random() < lateChance ? hourStart + Math.floor(1 + random() * 3) * 86_400 : hourStart;
    }
    if (lateUntil !== null && hourStart >= lateUntil) {
      lateUntil = null;
      const outcome = apply({ type: 'TOKEN_ENTERED', digits: issueUtrn(FLEET_PARTY, counter++, 'pounds', weeklyPounds).token, source: 'keypad' });
      if (tokenOf(outcome)?.result === 'Accepted') {
        t.topUps++;
        t.toppedUpMp += weeklyPounds * 100_000;
      }
    }
    // The household presses A when emergency credit is offered and B when the supply is armed.
    if (s.emergencyCredit.state === 'available' && s.power) {
      const outcome = apply({ type: 'BUTTON_A', where: 'meter' });
      if (outcome.kind === 'button' && outcome.accepted) t.ecActivations++;
    }
    if (s.supply === 'armed') {
      apply({ type: 'BUTTON_B', where: 'meter' });
      noteSupply(s.time);
    }
    const wasEnabled = s.supply === 'enabled';
    apply({ type: 'ADVANCE', to: hourStart + HOUR, loads: [{ at: hourStart, watts }] });
    if (wasEnabled && s.supply !== 'enabled') {
      // Disabled inside this hour: when, from the log.
      t.disconnections++;
      offSince = [...s.events].reverse().find((e) => e.name === 'supplyDisabled')?.time ?? s.time;
    }
  }
  if (offSince !== null) t.minutesOffSupply += (end - offSince) / 60;
  t.minutesOffSupply = Math.round(t.minutesOffSupply);
  t.energyWh = Math.floor(s.energy.importJ / 3600);
  return t;
}

/** The meters of shard i/n (1-based) out of `meters`: every n-th global index. */
export function shardIndices(meters: number, shard = { index: 1, count: 1 }): number[] {
  const out: number[] = [];
  for (let i = shard.index - 1; i < meters; i += shard.count) out.push(i);
  return out;
}
