// `nowan run`: a meter configuration plus a timeline (load profile, tokens, buttons, power cuts) over
// days to years, driven through the machine from boundary to boundary. Every input, every scheduled
// boundary and every logged event becomes a trace row with the balances after it.
import { Ajv } from 'ajv';
import { HOUR, METER_TIME_RANGE, parseIso, parseMeterTime, toIso, toLocal } from '../firmware/clock.js';
import { periodInForce } from '../firmware/calendar.js';
import { commission } from '../firmware/configure.js';
import type { MeterLike } from '../protocol/device.js';
import { startMeter } from '../protocol/device.js';
import { tokenOf, type Outcome } from '../firmware/meter.js';
import type { MeterEvent } from '../firmware/meter.machine.js';
import type { MeterState } from '../firmware/state.js';
import { activeRate } from '../firmware/tariff.js';
import { nextBoundary } from '../firmware/timeline.js';
import { COMMAND_BY_NAME, type CommandName } from '../firmware/tokens/command-table.js';
import { issueToken } from '../vending/issue.js';
import type { Party } from '../firmware/tokens/kdf.js';

import schema from './scenario.schema.json' with { type: 'json' };
const validate = new Ajv({ allErrors: true }).compile(schema);

export type Load = { constant: number } | { daily: number[] } | { halfHourly: number[] };

export interface TimelineStep {
  at: string;
  op: 'token' | 'issue' | 'envelope' | 'button' | 'powerCut' | 'join' | 'note';
  [key: string]: unknown;
}

export interface Scenario {
  title: string;
  notes?: string;
  keys?: string;
  meter: Record<string, unknown>;
  start: string;
  end: string;
  load: Load;
  loadOverrides?: { from: string; to: string; load: Load }[];
  customer?: { pressAWhenAvailable?: boolean; pressBWhenArmed?: boolean };
  timeline?: TimelineStep[];
}

export interface TraceRow {
  time: string;
  /** `sample`: a half-hour reading, taken when the money moved since the last row */
  kind: 'start' | 'input' | 'boundary' | 'event' | 'sample' | 'end';
  what: string;
  result?: string;
  meterBalance: number;
  ecState: string;
  ecBalance: number;
  timeDebt: number;
  paymentDebt: number;
  accumulatedDebt: number;
  supply: string;
  inForce: boolean;
  loadW: number;
  activeRate: number;
  importJ: number;
}

/** Validate a parsed scenario; returns the problems (empty when valid). */
export function scenarioProblems(data: unknown): string[] {
  if (validate(data)) {
    const s = data as unknown as Scenario;
    const start = parseMeterTime(s.start);
    const end = parseMeterTime(s.end);
    const problems: string[] = [];
    if (start === null) problems.push(`/start must be an ISO-8601 UTC time ${METER_TIME_RANGE}`);
    if (end === null) problems.push(`/end must be an ISO-8601 UTC time ${METER_TIME_RANGE}`);
    if (start === null || end === null) return problems;
    if (end <= start) problems.push('/end must be after /start');
    (s.timeline ?? []).forEach((t, i) => {
      const at = parseIso(t.at);
      if (at === null || at < start || at > end) problems.push(`/timeline/${i}/at must lie within start..end`);
      if (t.op === 'issue' && !s.keys) problems.push(`/timeline/${i}: an issue step needs the scenario's keys`);
      if (t.op === 'issue' && t.command !== 'TopUp' && !COMMAND_BY_NAME.has(t.command as CommandName)) problems.push(`/timeline/${i}/command is unknown`);
    });
    return problems;
  }
  return validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`);
}

const HALF_HOUR = 1800;

function wattsOf(load: Load, t: number, start: number): number {
  if ('constant' in load) return load.constant;
  if ('daily' in load) {
    const slots = load.daily.length; // 24 hourly or 48 half-hourly values, local time
    const second = toLocal(t).secondOfDay;
    return load.daily[Math.floor((second * slots) / 86_400)]!;
  }
  const i = Math.floor((t - start) / HALF_HOUR);
  return load.halfHourly[Math.min(i, load.halfHourly.length - 1)]!;
}

/** A trace row's result: the token's result code, a local action's verdict, or why it was not carried out. */
function resultWords(o: Outcome): string | undefined {
  if (o.kind === 'refused') return `error: ${o.message}`;
  if (o.kind === 'button' || o.kind === 'join') return o.accepted ? 'accepted' : `refused: ${o.reason}`;
  return tokenOf(o)?.result;
}

function row(m: MeterState, kind: TraceRow['kind'], what: string, result?: string): TraceRow {
  return {
    time: toIso(m.time),
    kind,
    what,
    ...(result !== undefined ? { result } : {}),
    meterBalance: m.meterBalance,
    ecState: m.emergencyCredit.state,
    ecBalance: m.emergencyCredit.balance,
    timeDebt: m.timeDebt[0]!.amount + m.timeDebt[1]!.amount,
    paymentDebt: m.paymentDebt.amount,
    accumulatedDebt: m.accumulatedDebt,
    supply: m.supply,
    inForce: periodInForce(m.calendars, m.time),
    loadW: m.loadW,
    activeRate: activeRate(m.tariff, m.time),
    importJ: m.energy.importJ,
  };
}

export interface RunOptions {
  /** The key set for `issue` steps. */
  party?: Party;
  /** Where the meter lives (a durable store); default an in-memory actor. */
  makeMeter?: (initial: MeterState) => MeterLike;
  onRow?: (r: TraceRow) => void;
}

export interface RunResult {
  rows: TraceRow[];
  meter: MeterState;
  inputs: number;
}

/** Run a validated scenario. Throws with a clear message for a bad meter configuration. */
export function runScenario(s: Scenario, options: RunOptions = {}): RunResult {
  const start = parseIso(s.start)!;
  const end = parseIso(s.end)!;
  const made = commission(s.meter, start);
  if (!made.ok) throw new Error(`meter: ${made.message}`);
  const meter = options.makeMeter ? options.makeMeter(made.value) : startMeter(made.value);
  const state = () => meter.getSnapshot().context.meter;
  const rows: TraceRow[] = [];
  const emit = (r: TraceRow) => {
    rows.push(r);
    options.onRow?.(r);
  };
  let counter = (state().utrnCounters.at(-1) ?? 0) + 1;
  let inputs = 0;
  const send = (e: MeterEvent, what: string) => {
    const before = state().events;
    meter.send(e);
    inputs++;
    emit(row(state(), 'input', what, resultWords(meter.getSnapshot().context.outcome)));
    newEvents(before);
  };
  /**
   * Trace the events an input added. The log is sorted by time and table row within an instant
   * (clarifications 3), so a new entry may sit before older ones: diff by occurrence counts.
   */
  const newEvents = (before: readonly MeterState['events'][number][]) => {
    const m = state();
    const seen = new Map<string, number>();
    for (const e of before) seen.set(`${e.time}|${e.code}|${e.name}`, (seen.get(`${e.time}|${e.code}|${e.name}`) ?? 0) + 1);
    for (const e of m.events) {
      const key = `${e.time}|${e.code}|${e.name}`;
      const n = seen.get(key) ?? 0;
      if (n > 0) seen.set(key, n - 1);
      else emit({ ...row(m, 'event', e.name), time: toIso(e.time) });
    }
  };
  const loadAt = (t: number) => {
    const o = (s.loadOverrides ?? []).find((x) => t >= parseIso(x.from)! && t < parseIso(x.to)!);
    return wattsOf(o ? o.load : s.load, t, start);
  };

  const pending = (s.timeline ?? []).map((t, i) => ({ ...t, t: parseIso(t.at)!, i })).sort((a, b) => a.t - b.t || a.i - b.i);
  const restores: number[] = [];
  emit(row(state(), 'start', s.title));
  newEvents([]);
  for (;;) {
    const now = state().time;
    const watts = loadAt(now);
    if (watts !== state().loadW) send({ type: 'LOAD', watts }, `load ${watts} W`);
    for (const t of pending.filter((p) => p.t === now)) applyStep(t);
    pending.splice(0, pending.filter((p) => p.t === now).length);
    for (const r of restores.filter((r) => r === now)) send({ type: 'POWER_RESTORED' }, 'power restored');
    restores.splice(0, restores.length, ...restores.filter((r) => r !== now));
    // The customer's own habits, at the meter, as soon as the meter shows the state.
    if (s.customer?.pressAWhenAvailable && state().power && state().emergencyCredit.state === 'available') send({ type: 'BUTTON_A', where: 'meter' }, 'customer presses A');
    if (s.customer?.pressBWhenArmed && state().power && state().supply === 'armed') send({ type: 'BUTTON_B', where: 'meter' }, 'customer presses B');
    if (now >= end) break;
    const nextLoad = (Math.floor(now / HALF_HOUR) + 1) * HALF_HOUR;
    const boundary = nextBoundary(state());
    const next = Math.min(end, nextLoad, boundary, pending[0]?.t ?? Infinity, ...restores);
    const before = state().events;
    meter.send({ type: 'ADVANCE', to: next });
    newEvents(before);
    if (next === boundary) emit(row(state(), 'boundary', describeBoundary(state())));
    else if (next === nextLoad && moneyMoved(rows[rows.length - 1]!, state())) emit(row(state(), 'sample', 'half-hour'));
  }
  emit(row(state(), 'end', s.title));
  return { rows, meter: state(), inputs };

  function applyStep(t: TimelineStep): void {
    switch (t.op) {
      case 'token':
        return send({ type: 'TOKEN_ENTERED', digits: String(t.digits).replace(/[ -]/g, ''), source: (t.source as 'keypad' | 'ppmid') ?? 'keypad' }, `token ${t.digits}`);
      case 'issue': {
        if (!options.party) throw new Error('an issue step needs a key set');
        const c = typeof t.counter === 'number' ? t.counter : counter;
        counter = Math.max(counter, c + 1);
        const fields = t.command === 'TopUp' ? (t.pounds !== undefined ? { pounds: t.pounds } : { pence: t.pence ?? 0 }) : ((t.fields ?? {}) as Record<string, unknown>);
        const digits = issueToken(options.party, t.command as CommandName | 'TopUp', fields, c).token;
        const what = t.command === 'TopUp' ? `TopUp ${t.pounds !== undefined ? `£${t.pounds}` : `${t.pence}p`}` : `${t.command} ${JSON.stringify(t.fields ?? {})}`;
        return send({ type: 'TOKEN_ENTERED', digits, source: (t.source as 'keypad' | 'ppmid') ?? 'keypad' }, `${what} (counter ${c})`);
      }
      case 'envelope':
        return send({ type: 'ENVELOPE_RECEIVED', jws: String(t.jws) }, 'envelope');
      case 'button':
        return send({ type: t.button === 'B' ? 'BUTTON_B' : 'BUTTON_A', where: (t.where as 'meter' | 'ppmid') ?? 'meter' }, `button ${t.button}`);
      case 'powerCut':
        restores.push(parseIso(t.at)! + (t.minutes as number) * 60);
        return send({ type: 'POWER_CUT' }, `power cut ${t.minutes} min`);
      case 'join':
        return send({ type: 'JOIN', deviceClass: t.deviceClass as 'ihd', deviceId: String(t.deviceId) }, `join ${t.deviceClass}`);
      case 'note':
        return emit(row(state(), 'input', `note: ${t.text ?? ''}`));
    }
  }
}

/** Whether a reading now would differ from the last row in what the plot draws. */
function moneyMoved(last: TraceRow, m: MeterState): boolean {
  return (
    m.meterBalance !== last.meterBalance ||
    m.emergencyCredit.balance !== last.ecBalance ||
    m.timeDebt[0]!.amount + m.timeDebt[1]!.amount !== last.timeDebt ||
    m.paymentDebt.amount !== last.paymentDebt
  );
}

function describeBoundary(m: MeterState): string {
  const l = toLocal(m.time);
  if (l.secondOfDay === 0) return l.weekday === 0 ? 'midnight (Monday)' : 'midnight';
  return 'scheduled';
}
