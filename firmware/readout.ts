// The conformance read-out (conformance.md section 2): money in mp, times ISO-8601 UTC.
import { toIso } from './clock.js';
import { periodInForce } from './calendar.js';
import { displayLines } from './display.js';
import type { Lockout, MeterState } from './state.js';
import { activeRate } from './tariff.js';

const iso = (t: number | null) => (t === null ? null : toIso(t));
const lockout = (l: Lockout) => ({ lockedUntil: iso(l.lockedUntil), invalidCount: l.invalidCount, lockouts: l.lockouts });

export type Readout = ReturnType<typeof readout>;

export function readout(s: MeterState) {
  return {
    time: toIso(s.time),
    fuel: s.fuel,
    deviceId: s.keys.deviceId,
    originatorId: s.keys.originatorId,
    paymentMode: s.paymentMode,
    supply: s.supply,
    disableReason: s.disableReason,
    meterBalance: s.meterBalance,
    emergencyCredit: { ...s.emergencyCredit },
    accumulatedDebt: s.accumulatedDebt,
    timeDebt: s.timeDebt.map((d) => ({ ...d })),
    paymentDebt: { ...s.paymentDebt },
    config: { ...s.config },
    tariff: {
      prices: s.tariff.prices.slice(),
      standingCharge: s.tariff.standingCharge,
      activeRate: activeRate(s.tariff, s.time),
      pending: s.tariff.pending.map((p) => ({ element: p.element, price: p.price, at: toIso(p.at) })),
      touSwitch: s.tariff.touSwitch.map((t) => ({ ...t })),
    },
    calendars: {
      friendlyCredit: s.calendars.friendlyCredit.map((f) => ({ ...f })),
      nonDisconnect: s.calendars.nonDisconnect.map((n) => ({ enabled: n.enabled, start: iso(n.start), end: iso(n.end) })),
      inForce: periodInForce(s.calendars, s.time),
    },
    han: {
      joinWindow: s.han.joinWindow ? { until: toIso(s.han.joinWindow.until), deviceClass: s.han.joinWindow.deviceClass } : null,
      devices: s.han.devices.map((d) => ({ ...d })),
    },
    keypad: { buffer: s.keypad.buffer, ...lockout(s.keypad) },
    ppmid: lockout(s.ppmid),
    utrnCounters: s.utrnCounters.slice(),
    counterFloor: s.counterFloor,
    tenancyStartDay: s.tenancyStartDay,
    power: s.power,
    load: { watts: s.loadW },
    energy: { importJ: s.energy.importJ },
    display: displayLines(s),
    events: s.events.map((e) => ({ time: toIso(e.time), code: e.code, name: e.name })),
    topUps: s.topUps.map((t) => ({ time: toIso(t.time), amount: t.amount, source: t.source, utrnCounter: t.utrnCounter })),
    debtRecovery: s.debtRecovery.map((d) => ({ time: toIso(d.time), register: d.register, amount: d.amount })),
  };
}
