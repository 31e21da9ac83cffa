// Meter state files (cli/store/state-file.ts): format 4 holds the one-state machine's snapshot;
// format 3, whose machine held the power as its state, still reads, with its power checked.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { readStateText, stateText, STATE_FORMAT } from '../cli/store/state-file.js';
import { meterMachine } from '../firmware/meter.machine.js';
import { restoreMeter } from '../protocol/device.js';
import { setPower } from '../firmware/meter.js';
import { meterState } from './helpers.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function persisted(power: boolean): Record<string, unknown> {
  const meter = power ? meterState() : setPower(meterState(), false).state;
  return createActor(meterMachine, { input: { meter } }).start().getPersistedSnapshot() as unknown as Record<string, unknown>;
}

/** A format 3 checkpoint line, written as that version wrote it: its machine value the power state. */
function format3(snapshot: Record<string, unknown>, value: string): string {
  const snap = { ...snapshot, value };
  return JSON.stringify({ format: 'nowan-meter-state/3', seq: 4, sha256: sha(JSON.stringify({ seq: 4, snapshot: snap })), snapshot: snap }) + '\n';
}

describe('meter state files', () => {
  it('are written in format 4, and read back to a snapshot the machine restores', () => {
    const text = stateText(2, persisted(true), sha);
    expect(JSON.parse(text).format).toBe(STATE_FORMAT);
    expect(STATE_FORMAT).toBe('nowan-meter-state/4');
    const r = readStateText(text, sha);
    if (!r.ok) throw new Error(r.problem);
    const actor = createActor(meterMachine, { snapshot: r.snapshot as never, input: undefined as never }).start();
    actor.send({ type: 'POWER_CUT' });
    expect(actor.getSnapshot().context.meter.power).toBe(false);
  });

  it.each([true, false])('read format 3 (power %s): the power states become the one state, the power the meter\'s own', (power) => {
    const r = readStateText(format3(persisted(power), power ? 'powered' : 'powerCut'), sha);
    if (!r.ok) throw new Error(r.problem);
    expect(r.seq).toBe(4);
    expect(r.snapshot.value).toEqual({});
    const actor = createActor(meterMachine, { snapshot: r.snapshot as never, input: undefined as never }).start();
    expect(actor.getSnapshot().context.meter.power).toBe(power);
    actor.send({ type: 'KEYS', keys: '1' });
    expect(actor.getSnapshot().context.outcome.kind).toBe(power ? 'keys' : 'refused');
  });

  it('a snapshot of the old machine (power as its state) restores into the one state, as the meter was', () => {
    const old = { ...persisted(false), value: 'powerCut' };
    const actor = restoreMeter(old);
    expect(actor.getSnapshot().value).toEqual({});
    actor.send({ type: 'BUTTON_A', where: 'meter' });
    expect(actor.getSnapshot().context.outcome).toEqual({ kind: 'refused', code: 'powerOff', message: 'the meter has no power' });
  });

  it('refuse a format 3 checkpoint whose machine state disagrees with its power', () => {
    expect(readStateText(format3(persisted(true), 'powerCut'), sha)).toMatchObject({ ok: false, problem: 'the checkpoint machine state disagrees with its power' });
  });

  it("refuse a format 4 checkpoint whose machine state is not this machine's", () => {
    const snap = { ...persisted(true), value: 'powered' };
    expect(readStateText(stateText(1, snap, sha), sha)).toMatchObject({ ok: false, problem: "the checkpoint machine state is not this machine's" });
  });

  it('refuse other formats by name', () => {
    const line = JSON.stringify({ format: 'nowan-meter-state/2', seq: 0, sha256: '', snapshot: {} }) + '\n';
    expect(readStateText(line, sha)).toMatchObject({ ok: false, problem: 'written in format nowan-meter-state/2, not nowan-meter-state/4' });
  });
});
