// The power-cut property: for a scenario, cut the power before and after every durable step in turn;
// after a restart the state equals the state before or after the interrupted input, and finishing the
// scenario (re-entering the interrupted input if it was lost) ends in exactly the uncut final state:
// no accepted credit lost, none applied twice.
import { createActor } from 'xstate';
import { MeterStore } from '../../cli/store/meter-store.js';
import { tokenOf } from '../../firmware/meter.js';
import { meterMachine, type MeterEvent } from '../../firmware/meter.machine.js';
import type { MeterState } from '../../firmware/state.js';
import { FaultDisk, PowerCut } from './fault-disk.js';

const PATH = '/meters/meter.json';
const json = (m: MeterState) => JSON.stringify(m);

export interface PowerCutReport {
  cutPoints: number;
  acceptedTokens: number;
}

export function checkPowerCuts(initial: MeterState, events: MeterEvent[]): PowerCutReport {
  // Reference run, no storage: the state after each input.
  const ref = createActor(meterMachine, { input: { meter: initial } }).start();
  const states = [json(ref.getSnapshot().context.meter)];
  let accepted = 0;
  for (const e of events) {
    ref.send(e);
    if (tokenOf(ref.getSnapshot().context.outcome)?.result === 'Accepted') accepted++;
    states.push(json(ref.getSnapshot().context.meter));
  }
  const final = states[states.length - 1];

  // How many durable steps an uncut run makes.
  const probe = new FaultDisk();
  const m = new MeterStore(PATH, probe).create(initial);
  for (const e of events) m.send(e);
  const total = probe.ops;

  let cutPoints = 0;
  for (let at = 1; at <= total; at++) {
    for (const when of ['before', 'after'] as const) {
      cutPoints++;
      const disk = new FaultDisk({ at, when });
      let interrupted = -1; // -1: during commissioning
      try {
        const meter = new MeterStore(PATH, disk).create(initial);
        for (const [i, e] of events.entries()) {
          interrupted = i;
          meter.send(e);
        }
        throw new Error(`cut ${when} #${at} never happened`);
      } catch (err) {
        if (!(err instanceof PowerCut)) throw err;
      }
      const restart = new MeterStore(PATH, disk.afterCrash());
      let resumeAt: number;
      let meter;
      if (interrupted === -1) {
        // Cut while commissioning: either no meter yet, or the commissioned one.
        meter = restart.exists() ? restart.load() : restart.create(initial);
        if (json(meter.getSnapshot().context.meter) !== states[0]) throw new Error(`cut ${when} #${at}: commissioning left a different meter`);
        resumeAt = 0;
      } else {
        meter = restart.load();
        const got = json(meter.getSnapshot().context.meter);
        if (got === states[interrupted]) resumeAt = interrupted; // lost: the customer enters it again
        else if (got === states[interrupted + 1]) resumeAt = interrupted + 1;
        else throw new Error(`cut ${when} #${at} during input ${interrupted} (${events[interrupted]!.type}): state is neither before nor after it`);
      }
      for (const e of events.slice(resumeAt)) meter.send(e);
      if (json(meter.getSnapshot().context.meter) !== final) throw new Error(`cut ${when} #${at}: the finished run differs from the uncut one (a credit lost or doubled)`);
    }
  }
  return { cutPoints, acceptedTokens: accepted };
}
