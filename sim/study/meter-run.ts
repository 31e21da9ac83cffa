// One meter through the event in one arm: the real firmware through the xstate machine (the same
// machine the adapter drives), every token issued with the meter's own key set and verified by the
// meter. Inputs go in at their exact second; between them the meter advances hour by hour with the
// household's load for the temperature.
import { createActor } from 'xstate';
import { HOUR, fromLocal, toLocal, weekdayOf } from '../../firmware/clock.js';
import { commission } from '../../firmware/configure.js';
import { totalDebt } from '../../firmware/debt.js';
import { tokenOf, type Outcome } from '../../firmware/meter.js';
import { meterMachine, type MeterEvent } from '../../firmware/meter.machine.js';
import type { MeterState } from '../../firmware/state.js';
import { eventTimes, temperatureC, type EventTimes } from './event.js';
import type { StudyParams } from './params.js';
import { FIRST_COUNTER, householdOf, keysOf, meterConfig, wattsAt, type Household } from './population.js';
import { STREAM, exponential, stream } from './random.js';
import { digitsOf, planFor, type CommandKind, type PlannedCommand } from './supplier.js';
import { awake, routesOf, typedAt, type Arm } from './delivery.js';
import { issuerFor, type Issuer } from './vending.js';

export interface ArmResult {
  /** off-supply intervals [from, to) in seconds from the study start */
  off: [number, number][];
  disconnections: number;
  ecActivations: number;
  topUps: number;
  toppedUpMp: number;
  freeCreditMp: number;
  debtStartMp: number;
  debtEndMp: number;
  balanceEndMp: number;
  energyWh: number;
  /** J imported after the cap date while the old unit price was still in force */
  oldPriceJ: number;
  overchargeMp: number;
  commandsIssued: number;
  /** applied commands by the route that carried them first */
  appliedByWan: number;
  appliedByText: number;
  appliedByVisit: number;
  /** kinds of command never applied by the end */
  notApplied: CommandKind[];
  tokensTexted: number;
  tokensTyped: number;
  tokensNeverTyped: number;
  typos: number;
  duplicates: number;
  /** 0 no visit needed, 1 needed and not made in the study, 2 made */
  visit: 0 | 1 | 2;
}

export interface MeterRecord {
  i: number;
  fuel: Household['fuel'];
  wan: Household['wan'];
  vulnerable: boolean;
  with: ArmResult;
  /** "same": the meter's deliveries do not depend on the arm, so its run is the same (WAN meters) */
  without: ArmResult | 'same';
}


type Input =
  | { at: number; order: number; kind: 'issue'; k: number }
  | { at: number; order: number; kind: 'wan' | 'visit'; ks: number[] }
  | { at: number; order: number; kind: 'type'; ks: number[] }
  | { at: number; order: number; kind: 'topUp'; reactive: boolean };

/** Simulate meter `index`: both arms, or one run counted in both when no delivery depends on the arm. */
export function simulateStudyMeter(p: StudyParams, index: number, visitAt: number | null, e: EventTimes = eventTimes(p)): MeterRecord {
  const h = householdOf(p, e, index);
  const withMp094 = runArm(p, e, h, 'with', visitAt);
  const dependsOnArm = h.wan !== 'ok';
  return { i: index, fuel: h.fuel, wan: h.wan, vulnerable: h.vulnerable, with: withMp094, without: dependsOnArm ? runArm(p, e, h, 'without', visitAt) : 'same' };
}

export function runArm(p: StudyParams, e: EventTimes, h: Household, arm: Arm, visitAt: number | null): ArmResult {
  const made = commission(meterConfig(h), e.start);
  if (!made.ok) throw new Error(`meter ${h.index}: ${made.message}`);
  const actor = createActor(meterMachine, { input: { meter: made.value } }).start();
  const meter = () => actor.getSnapshot().context.meter;
  const issue = issuerFor(keysOf(h.index));
  // The customer's own choices: one stream, the same in both arms until the arms diverge.
  const behaviour = stream(p.seed, h.index, STREAM.behaviour);
  const r: ArmResult = {
    off: [],
    disconnections: 0,
    ecActivations: 0,
    topUps: 0,
    toppedUpMp: 0,
    freeCreditMp: 0,
    debtStartMp: totalDebt(made.value),
    debtEndMp: 0,
    balanceEndMp: 0,
    energyWh: 0,
    oldPriceJ: 0,
    overchargeMp: 0,
    commandsIssued: 0,
    appliedByWan: 0,
    appliedByText: 0,
    appliedByVisit: 0,
    notApplied: [],
    tokensTexted: 0,
    tokensTyped: 0,
    tokensNeverTyped: 0,
    typos: 0,
    duplicates: 0,
    visit: 0,
  };

  // Inputs in time order; at one instant in `order` (issue before delivery, deliveries before habits).
  const inputs: Input[] = [];
  let seq = 0;
  /** `order` is the rank at one instant; the sequence number keeps ties in the order added. */
  const add = (i: Input) => inputs.push({ ...i, order: i.order * 1e6 + seq++ });
  const plan = planFor(p, e, h);
  const applied: boolean[] = plan.map(() => false);
  const tokens: (string | null)[] = plan.map(() => null);
  r.commandsIssued = plan.length;
  const texted = new Map<number, number[]>();
  plan.forEach((c, k) => {
    add({ at: c.at, kind: 'issue', k, order: 0 });
    for (const route of routesOf(p, h, c, k, arm, visitAt)) {
      if (route.how === 'wan') add({ at: route.at, kind: 'wan', ks: [k], order: 1 });
      else if (route.how === 'visit') {
        r.visit = 1;
        add({ at: route.at, kind: 'visit', ks: [k], order: 1 });
      } else {
        r.tokensTexted++;
        texted.set(route.sentAt, [...(texted.get(route.sentAt) ?? []), k]);
      }
    }
  });
  // Without MP094 a meter without WAN needs a visit for anything but a texted UTRN.
  if (plan.some((c, k) => routesOf(p, h, c, k, arm, null).length === 0)) r.visit = 1;
  for (const [sentAt, ks] of texted) {
    const at = typedAt(p, h, sentAt);
    if (at === null || at >= e.end) r.tokensNeverTyped += ks.length;
    else add({ at, kind: 'type', ks, order: 2 });
  }
  // The usual weekly top-up, sometimes one to three days late.
  for (let day = toLocal(e.start).day; ; day++) {
    const at = fromLocal(day, h.topUpHour * 60);
    if (at >= e.end) break;
    if (at < e.start || weekdayOf(day) !== h.topUpWeekday) continue;
    const late = behaviour() < h.lateChance ? Math.floor(1 + behaviour() * 3) * 24 * HOUR : 0;
    if (at + late < e.end) add({ at: at + late, kind: 'topUp', reactive: false, order: 3 });
  }
  inputs.sort((a, b) => a.at - b.at || a.order - b.order);

  let next = 0;
  let counter = FIRST_COUNTER;
  let supplyOn = made.value.supply === 'enabled';
  let offSince: number | null = supplyOn ? null : e.start;
  let reactivePending = false;
  let lowSeen = e.start;
  const oldPrice = made.value.tariff.prices[0]!;

  const send = (ev: MeterEvent) => {
    actor.send(ev);
    noteSupply();
    return actor.getSnapshot().context.outcome;
  };
  const accepted = (o: Outcome) => o.kind === 'button' && o.accepted;
  /** The customer reacts to what the meter shows: the low-credit alarm and losing supply. */
  const noteSupply = () => {
    const m = meter();
    const on = m.supply === 'enabled';
    if (supplyOn && !on) {
      const when = lastEventTime(m, 'supplyDisabled') ?? m.time;
      offSince = when;
      if (m.disableReason === 'credit') r.disconnections++;
      reactToLowCredit(when, h.topUpSoonChance);
    } else if (!supplyOn && on) {
      r.off.push([offSince! - e.start, m.time - e.start]);
      offSince = null;
    }
    supplyOn = on;
    const low = lastEventTime(m, 'lowCredit');
    if (low !== null && low > lowSeen) {
      lowSeen = low;
      reactToLowCredit(low, h.topUpOnLowChance);
    }
  };
  /** Some top up within hours (moved out of the night); the rest wait for their usual day. */
  const reactToLowCredit = (when: number, chance: number) => {
    if (reactivePending || behaviour() >= chance) return;
    reactivePending = true;
    const at = awake(when + Math.max(600, Math.round(exponential(behaviour(), 3 * HOUR))), behaviour());
    if (at < e.end) insert({ at, order: 3 * 1e6 + seq++, kind: 'topUp', reactive: true });
    else reactivePending = false;
  };
  const insert = (i: Input) => {
    let j = inputs.length;
    while (j > next && (inputs[j - 1]!.at > i.at || (inputs[j - 1]!.at === i.at && inputs[j - 1]!.order > i.order))) j--;
    inputs.splice(j, 0, i);
  };
  const advance = (to: number) => {
    if (to <= meter().time) return;
    const before = meter();
    const j0 = before.energy.importJ;
    const oldInForce = before.time >= e.capAt && before.tariff.prices[0] === oldPrice;
    send({ type: 'ADVANCE', to });
    if (oldInForce) r.oldPriceJ += meter().energy.importJ - j0;
  };
  /** The customer at the meter: B when the supply is armed, A when emergency credit is offered. */
  const habits = () => {
    const m = meter();
    if (!m.power) return;
    if (m.supply === 'armed') send({ type: 'BUTTON_B', where: 'meter' });
    if (h.usesEmergencyCredit && meter().emergencyCredit.state === 'available' && accepted(send({ type: 'BUTTON_A', where: 'meter' }))) r.ecActivations++;
  };
  const enter = (k: number, how: 'wan' | 'visit' | 'text') => {
    const digits = tokens[k]!;
    let outcome;
    if (how === 'wan') outcome = send({ type: 'TOKEN_ENTERED', digits, source: 'ppmid' });
    else {
      if (how === 'text') {
        r.tokensTyped++;
        if (behaviour() < p.delivery.typoShare) {
          const wrong = mistype(digits, behaviour());
          if (tokenOf(send({ type: 'KEYS', keys: `${wrong}#` }))?.result === 'CheckDigitError') r.typos++;
          else throw new Error(`meter ${h.index}: a mistyped token was not caught by its check digit`);
        }
      }
      outcome = send({ type: 'KEYS', keys: `${digits}#` });
    }
    const result = tokenOf(outcome)?.result;
    if (result === 'Accepted') {
      applied[k] = true;
      if (how === 'wan') r.appliedByWan++;
      else if (how === 'text') r.appliedByText++;
      else r.appliedByVisit++;
      if (plan[k]!.command === 'TopUp') r.freeCreditMp += plan[k]!.fields.pounds! * 100_000;
    } else if (result === 'Duplicate') r.duplicates++;
    else if (result !== 'Rejected') throw new Error(`meter ${h.index}: supplier token ${plan[k]!.kind} answered ${result}`);
  };

  let hour = e.start;
  for (;;) {
    const at = Math.min(inputs[next]?.at ?? Infinity, hour);
    if (at >= e.end) break;
    advance(at);
    if (at === hour) {
      const l = toLocal(hour);
      const watts = wattsAt(h, Math.floor(l.secondOfDay / HOUR), temperatureC(p, e, hour));
      if (watts !== meter().loadW) send({ type: 'LOAD', watts });
      habits();
      hour += HOUR;
      continue;
    }
    // Taken after advancing: a top-up the customer decided on meanwhile comes first.
    const i = inputs[next++];
    switch (i!.kind) {
      case 'issue': {
        const c = plan[i!.k]!;
        tokens[i!.k] = issueFor(issue, c, ++counter);
        break;
      }
      case 'wan':
      case 'visit':
        for (const k of i!.ks) enter(k, i!.kind);
        break;
      case 'type':
        for (const k of i!.ks) enter(k, 'text');
        break;
      case 'topUp': {
        if (i!.reactive) reactivePending = false;
        const pounds = h.weeklyPounds;
        const outcome = send({ type: 'KEYS', keys: `${issue('TopUp', { pounds }, ++counter)}#` });
        if (tokenOf(outcome)?.result === 'Accepted') {
          r.topUps++;
          r.toppedUpMp += pounds * 100_000;
        }
        break;
      }
    }
    if (i!.kind !== 'issue') habits();
  }
  advance(e.end);
  const m = meter();
  if (offSince !== null) r.off.push([offSince - e.start, e.end - e.start]);
  r.debtEndMp = totalDebt(m);
  r.balanceEndMp = m.meterBalance;
  r.energyWh = Math.floor(m.energy.importJ / 3600);
  // J x (mp/kWh) / (3,600,000 J/kWh), floored: what the old price charged above the new one.
  const newPrice = plan.find((c) => c.kind === 'price')?.fields.price ?? oldPrice;
  r.overchargeMp = Math.floor((r.oldPriceJ * (oldPrice - newPrice)) / 3_600_000);
  r.notApplied = plan.filter((_, k) => !applied[k]).map((c) => c.kind);
  if (r.visit === 1 && r.appliedByVisit > 0) r.visit = 2;
  return r;
}

function issueFor(issue: Issuer, c: PlannedCommand, counter: number): string {
  const t = issue(c.command, c.fields, counter);
  if (t.length !== digitsOf(c)) throw new Error(`${c.kind}: ${t.length} digits`);
  return t;
}

/** One digit typed wrong: a different digit at a drawn position. */
function mistype(digits: string, u: number): string {
  const at = Math.floor(u * digits.length);
  const d = (Number(digits[at]) + 1 + Math.floor(u * 997) % 9) % 10;
  return digits.slice(0, at) + String(d) + digits.slice(at + 1);
}

function lastEventTime(m: MeterState, name: string): number | null {
  for (let j = m.events.length - 1; j >= 0; j--) if (m.events[j]!.name === name) return m.events[j]!.time;
  return null;
}
