// The emulator's session: the meter actor plus what belongs to the terminal, not the meter (the PPMID's
// own text field, the run speed, the load profile, the balance history). An external store for
// useSyncExternalStore, so components only send() and read snapshots: fast typing never submits a
// stale buffer (ecosystem.md section 3.2).
import { toLocal, HOUR } from '../firmware/clock.js';
import { creditOf } from '../firmware/charges.js';
import type { Outcome } from '../firmware/meter.js';
import type { MeterLike } from '../protocol/device.js';
import type { MeterEvent } from '../firmware/meter.machine.js';
import type { MeterState } from '../firmware/state.js';
import { nextBoundary } from '../firmware/timeline.js';
import { PROFILES } from '../sim/profiles.js';
import { buttonWords, outcomeWords } from './words.js';

export const SPEEDS = [1, 60, 3600] as const;
const DAY_SECONDS = 86_400;
/** How long (real time) the words of the last action stay on screen. */
export const NOTICE_MS = 15_000;

export interface SessionView {
  meter: MeterState;
  focus: 'keypad' | 'ppmid';
  ppmidText: string;
  ppmidMessage: string;
  /** the LCD's words for the last action at the meter ('' when none, or once NOTICE_MS has passed) */
  notice: string;
  speed: (typeof SPEEDS)[number];
  paused: boolean;
  profile: string;
  manualWatts: number;
  history: readonly { t: number; credit: number }[];
  /** bumps on every change */
  version: number;
}


export class Session {
  private view: SessionView;
  private listeners = new Set<() => void>();
  private carryMs = 0;
  private profileIndex = 0;
  /** real ms each message has been on screen */
  private age = { notice: 0, ppmidMessage: 0 };

  constructor(readonly actor: MeterLike) {
    const meter = actor.getSnapshot().context.meter;
    this.view = {
      meter,
      focus: 'keypad',
      ppmidText: '',
      ppmidMessage: '',
      notice: '',
      speed: 60,
      paused: false,
      profile: PROFILES[0]!.name,
      manualWatts: meter.loadW,
      history: [{ t: meter.time, credit: creditOf(meter) }],
      version: 0,
    };
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): SessionView => this.view;

  private update(patch: Partial<SessionView>): void {
    if (patch.notice !== undefined) this.age.notice = 0;
    if (patch.ppmidMessage !== undefined) this.age.ppmidMessage = 0;
    const meter = this.actor.getSnapshot().context.meter;
    let history = this.view.history;
    const last = history[history.length - 1];
    if (!last || last.t !== meter.time || last.credit !== creditOf(meter)) {
      history = [...history, { t: meter.time, credit: creditOf(meter) }].filter((p) => p.t > meter.time - DAY_SECONDS);
    }
    this.view = { ...this.view, ...patch, meter, history, version: this.view.version + 1 };
    for (const fn of this.listeners) fn();
  }

  private send(event: MeterEvent): Outcome {
    this.actor.send(event);
    return this.actor.getSnapshot().context.outcome;
  }

  // The meter's own keypad and buttons.
  /** Keys at the meter: a submitted entry shows its result; typing a new one clears the last words. */
  keys(keys: string): void {
    const outcome = this.send({ type: 'KEYS', keys });
    this.update({ notice: keys.includes('#') ? outcomeWords(outcome) : '' });
  }

  button(button: 'A' | 'B', where: 'meter' | 'ppmid'): string {
    const before = this.actor.getSnapshot().context.meter;
    const outcome = this.send({ type: button === 'A' ? 'BUTTON_A' : 'BUTTON_B', where });
    const text = buttonWords(button, outcome, before);
    this.update(where === 'ppmid' ? { ppmidMessage: text } : { notice: text });
    return text;
  }

  power(on: boolean): void {
    this.send({ type: on ? 'POWER_RESTORED' : 'POWER_CUT' });
    this.update({});
  }

  // The PPMID: its own text field, relaying digits or an envelope.
  toggleFocus(): void {
    this.update({ focus: this.view.focus === 'keypad' ? 'ppmid' : 'keypad' });
  }

  ppmidType(text: string): void {
    this.update({ ppmidText: (this.view.ppmidText + text).slice(0, 4096) });
  }

  ppmidBackspace(): void {
    this.update({ ppmidText: this.view.ppmidText.slice(0, -1) });
  }

  ppmidClear(): void {
    this.update({ ppmidText: '', ppmidMessage: '' });
  }

  ppmidSubmit(): void {
    const text = this.view.ppmidText.trim();
    if (text === '') return;
    let outcome: Outcome;
    if (/^[0-9 \-]+$/.test(text)) outcome = this.send({ type: 'TOKEN_ENTERED', digits: text.replace(/[ -]/g, ''), source: 'ppmid' });
    else outcome = this.send({ type: 'ENVELOPE_RECEIVED', jws: text });
    this.update({ ppmidText: '', ppmidMessage: outcomeWords(outcome) });
  }

  // The virtual clock and the load.
  cycleSpeed(): void {
    const i = SPEEDS.indexOf(this.view.speed);
    this.update({ speed: SPEEDS[(i + 1) % SPEEDS.length]! });
  }

  togglePause(): void {
    this.update({ paused: !this.view.paused });
  }

  cycleProfile(): void {
    this.profileIndex = (this.profileIndex + 1) % PROFILES.length;
    const p = PROFILES[this.profileIndex]!;
    if (p.hourly === null) this.actor.send({ type: 'LOAD', watts: this.view.manualWatts });
    else this.actor.send({ type: 'LOAD', watts: p.hourly[Math.floor(toLocal(this.view.meter.time).secondOfDay / HOUR)]! });
    this.update({ profile: p.name });
  }

  adjustLoad(deltaW: number): void {
    const watts = Math.max(0, Math.min(20_000, this.view.manualWatts + deltaW));
    this.profileIndex = 0;
    this.actor.send({ type: 'LOAD', watts });
    this.update({ manualWatts: watts, profile: PROFILES[0]!.name });
  }

  /** Whether a half-typed entry is in the meter's keypad buffer. */
  get typing(): boolean {
    return this.actor.getSnapshot().context.meter.keypad.buffer !== '';
  }

  /** Let `seconds` of virtual time pass, following the load profile hour by hour. */
  advance(seconds: number): void {
    const typing = this.typing;
    const profile = PROFILES[this.profileIndex]!;
    const target = this.actor.getSnapshot().context.meter.time + seconds;
    for (;;) {
      const now = this.actor.getSnapshot().context.meter.time;
      if (now >= target) break;
      if (profile.hourly === null) {
        this.actor.send({ type: 'ADVANCE', to: target });
        break;
      }
      // GB offsets are whole hours, so local hours start at UTC :00.
      const watts = profile.hourly[Math.floor(toLocal(now).secondOfDay / HOUR)]!;
      if (this.actor.getSnapshot().context.meter.loadW !== watts) this.actor.send({ type: 'LOAD', watts });
      this.actor.send({ type: 'ADVANCE', to: Math.min(target, (Math.floor(now / HOUR) + 1) * HOUR) });
    }
    // The meter drops a half-typed entry after its inter-key timeout: say so, or it vanishes unexplained.
    const timedOut = typing && !this.typing;
    this.update(timedOut ? { notice: 'TIMED OUT' } : {});
  }

  /** Jump to the next instant at which something is scheduled. */
  jumpToNextBoundary(): void {
    const meter = this.actor.getSnapshot().context.meter;
    const next = nextBoundary(meter);
    this.advance(Number.isFinite(next) ? next - meter.time : DAY_SECONDS);
  }

  /**
   * Real time passing: advance by elapsed x speed, carrying fractions of a second. While a token is
   * being typed the clock runs at x1, so the meter's 20 s inter-key timeout is 20 real seconds.
   */
  tick(realMs: number): void {
    for (const key of ['notice', 'ppmidMessage'] as const) {
      if (this.view[key] === '') continue;
      this.age[key] += realMs;
      if (this.age[key] >= NOTICE_MS) this.update({ [key]: '' });
    }
    if (this.view.paused) return;
    this.carryMs += realMs * (this.typing ? 1 : this.view.speed);
    const seconds = Math.floor(this.carryMs / 1000);
    if (seconds <= 0) return;
    this.carryMs -= seconds * 1000;
    this.advance(seconds);
  }
}
