// The study's figures, folded from per-meter records. Every total is an integer sum, so the fold of
// any split of the fleet (chunks, workers, shards) adds up to exactly the fold of the whole.
import { HOUR } from '../../firmware/clock.js';
import type { EventTimes } from './event.js';
import type { ArmResult, MeterRecord } from './meter-run.js';
import type { CommandKind } from './supplier.js';

/** Upper bounds (hours) of the hours-off histogram bins; a last bin holds the rest. */
export const HOURS_OFF_BINS = [1, 3, 6, 12, 24, 48, 96] as const;
export const COMMAND_KINDS: readonly CommandKind[] = ['nonDisconnect', 'friendlyCredit', 'debtPause', 'debtRestore', 'freeTopUp', 'price'];
const WANS = ['ok', 'intermittent', 'none'] as const;

export interface ArmTotals {
  meters: number;
  vulnerable: number;
  lostSupply: number;
  vulnerableLostSupply: number;
  disconnections: number;
  offSeconds: number;
  vulnerableOffSeconds: number;
  coldestOffSeconds: number;
  byWan: Record<(typeof WANS)[number], { meters: number; lostSupply: number; offSeconds: number }>;
  /** customer-seconds off supply in each hour of the study */
  offPerHour: number[];
  /** meters that lost supply, by hours off (HOURS_OFF_BINS) */
  hoursOffHistogram: number[];
  ecActivations: number;
  topUps: number;
  toppedUpMp: number;
  freeCreditMp: number;
  debtStartMp: number;
  debtEndMp: number;
  balanceEndMp: number;
  negativeBalanceAtEnd: number;
  energyWh: number;
  overchargeMp: number;
  metersOvercharged: number;
  commandsIssued: number;
  appliedByWan: number;
  appliedByText: number;
  appliedByVisit: number;
  notApplied: Record<CommandKind, number>;
  tokensTexted: number;
  tokensTyped: number;
  tokensNeverTyped: number;
  typos: number;
  duplicates: number;
  visitsNeeded: number;
  visitsMade: number;
}

export interface StudyTotals {
  meters: number;
  /** meters whose deliveries do not depend on the arm, run once and counted in both */
  runOnce: number;
  with: ArmTotals;
  without: ArmTotals;
}

export function emptyArm(hours: number): ArmTotals {
  return {
    meters: 0,
    vulnerable: 0,
    lostSupply: 0,
    vulnerableLostSupply: 0,
    disconnections: 0,
    offSeconds: 0,
    vulnerableOffSeconds: 0,
    coldestOffSeconds: 0,
    byWan: { ok: { meters: 0, lostSupply: 0, offSeconds: 0 }, intermittent: { meters: 0, lostSupply: 0, offSeconds: 0 }, none: { meters: 0, lostSupply: 0, offSeconds: 0 } },
    offPerHour: Array(hours).fill(0),
    hoursOffHistogram: Array(HOURS_OFF_BINS.length + 1).fill(0),
    ecActivations: 0,
    topUps: 0,
    toppedUpMp: 0,
    freeCreditMp: 0,
    debtStartMp: 0,
    debtEndMp: 0,
    balanceEndMp: 0,
    negativeBalanceAtEnd: 0,
    energyWh: 0,
    overchargeMp: 0,
    metersOvercharged: 0,
    commandsIssued: 0,
    appliedByWan: 0,
    appliedByText: 0,
    appliedByVisit: 0,
    notApplied: Object.fromEntries(COMMAND_KINDS.map((k) => [k, 0])) as Record<CommandKind, number>,
    tokensTexted: 0,
    tokensTyped: 0,
    tokensNeverTyped: 0,
    typos: 0,
    duplicates: 0,
    visitsNeeded: 0,
    visitsMade: 0,
  };
}

export const emptyTotals = (hours: number): StudyTotals => ({ meters: 0, runOnce: 0, with: emptyArm(hours), without: emptyArm(hours) });

function foldArm(t: ArmTotals, rec: MeterRecord, a: ArmResult, e: EventTimes): void {
  const offSeconds = a.off.reduce((s, [from, to]) => s + to - from, 0);
  const lost = a.off.length > 0;
  t.meters++;
  if (rec.vulnerable) t.vulnerable++;
  if (lost) {
    t.lostSupply++;
    if (rec.vulnerable) t.vulnerableLostSupply++;
    const hours = offSeconds / HOUR;
    const bin = HOURS_OFF_BINS.findIndex((b) => hours <= b);
    t.hoursOffHistogram[bin === -1 ? HOURS_OFF_BINS.length : bin]!++;
  }
  t.disconnections += a.disconnections;
  t.offSeconds += offSeconds;
  if (rec.vulnerable) t.vulnerableOffSeconds += offSeconds;
  const w = t.byWan[rec.wan];
  w.meters++;
  if (lost) w.lostSupply++;
  w.offSeconds += offSeconds;
  const cs = e.coldestStart - e.start;
  const ce = e.coldestEnd - e.start;
  for (const [from, to] of a.off) {
    t.coldestOffSeconds += Math.max(0, Math.min(to, ce) - Math.max(from, cs));
    for (let h = Math.floor(from / HOUR); h * HOUR < to && h < t.offPerHour.length; h++) {
      t.offPerHour[h]! += Math.min(to, (h + 1) * HOUR) - Math.max(from, h * HOUR);
    }
  }
  t.ecActivations += a.ecActivations;
  t.topUps += a.topUps;
  t.toppedUpMp += a.toppedUpMp;
  t.freeCreditMp += a.freeCreditMp;
  t.debtStartMp += a.debtStartMp;
  t.debtEndMp += a.debtEndMp;
  t.balanceEndMp += a.balanceEndMp;
  if (a.balanceEndMp < 0) t.negativeBalanceAtEnd++;
  t.energyWh += a.energyWh;
  t.overchargeMp += a.overchargeMp;
  if (a.overchargeMp > 0) t.metersOvercharged++;
  t.commandsIssued += a.commandsIssued;
  t.appliedByWan += a.appliedByWan;
  t.appliedByText += a.appliedByText;
  t.appliedByVisit += a.appliedByVisit;
  for (const k of a.notApplied) t.notApplied[k]++;
  t.tokensTexted += a.tokensTexted;
  t.tokensTyped += a.tokensTyped;
  t.tokensNeverTyped += a.tokensNeverTyped;
  t.typos += a.typos;
  t.duplicates += a.duplicates;
  if (a.visit > 0) t.visitsNeeded++;
  if (a.visit === 2) t.visitsMade++;
}

export function foldRecord(t: StudyTotals, rec: MeterRecord, e: EventTimes): void {
  t.meters++;
  foldArm(t.with, rec, rec.with, e);
  if (rec.without === 'same') t.runOnce++;
  foldArm(t.without, rec, rec.without === 'same' ? rec.with : rec.without, e);
}

/** a + b, leaf by leaf (every leaf is an integer count or sum). */
export function addTotals<T>(a: T, b: T): T {
  if (typeof a === 'number') return ((a as number) + (b as number)) as T;
  if (Array.isArray(a)) return a.map((x, i) => addTotals(x, (b as unknown[])[i])) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(a as object)) out[k] = addTotals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
  return out as T;
}
