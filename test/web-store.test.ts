// The web page's meter store (localStorage in the --meter state file format) and its TEST-key vending,
// in Node with a Map for localStorage.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stateText, STATE_FORMAT } from '../cli/store/state-file.js';
import { creditOf } from '../firmware/charges.js';
import { CORRUPT_KEY, meterFromText, newMeter, openMeter, STORAGE_KEY, type KeyValueStore } from '../web/store.js';
import { demoMeter, isDemoMeter, Vending, VENDING_KEY } from '../web/demo.js';
import { meterState, T0 } from './helpers.js';

const T = Date.parse(T0) / 1000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function memory(entries: Record<string, string> = {}): KeyValueStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('the page keeps the meter as a state file', () => {
  it('a first visit starts the demo meter and saves it at once', () => {
    const store = memory();
    const { meter, problem } = openMeter(store, () => demoMeter(T));
    expect(problem).toBeNull();
    expect(creditOf(meter.getSnapshot().context.meter)).toBe(500_000); // the demo meter's £5.00
    expect(JSON.parse(store.map.get(STORAGE_KEY)!).format).toBe(STATE_FORMAT);
  });

  it('every input is saved before the page shows it, and a reopened page has it', () => {
    const store = memory();
    const meter = newMeter(demoMeter(T), store);
    const vending = new Vending(store);
    const token = vending.token(meter.getSnapshot().context.meter, { name: 'TopUp', pounds: 10 }, 'top-up');
    meter.send({ type: 'TOKEN_ENTERED', digits: token.text.replace(/ /g, ''), source: 'keypad' });
    expect(meter.getSnapshot().context.outcome).toMatchObject({ kind: 'token', token: { result: 'Accepted' } });
    const reopened = openMeter(store, () => demoMeter(T)).meter.getSnapshot().context.meter;
    expect(creditOf(reopened)).toBe(1_500_000); // £5.00 + £10.00
    expect(reopened.utrnCounters).toContain(token.counter);
  });

  it('a saved meter that does not check out is reported and kept aside, never silently replaced', () => {
    const good = newMeter(demoMeter(T), memory()).text();
    for (const bad of ['{"format":', good.replace('"seq":0', '"seq":7'), JSON.stringify({ format: 'other' })]) {
      const store = memory({ [STORAGE_KEY]: bad });
      const { meter, problem } = openMeter(store, () => demoMeter(T));
      expect(problem).toMatch(/^the saved meter: .*; it is kept in localStorage as nowan\.meter\.corrupt/);
      expect(store.map.get(CORRUPT_KEY)).toBe(bad);
      expect(creditOf(meter.getSnapshot().context.meter)).toBe(500_000);
    }
  });

  it('an import with a good checksum but no meter inside is refused', () => {
    expect(() => meterFromText(stateText(0, { status: 'active', context: {} }, sha256), 'x.json', memory())).toThrow(/x\.json: the checkpoint is not a meter state the firmware could be in/);
    expect(() => meterFromText('x'.repeat(2_000_001), 'big.json', memory())).toThrow(/big\.json: larger than/);
  });
});

describe('the page vends only for the demo meter, and never reuses a counter', () => {
  it('counters go up from above the meter\'s highest and its floor, and a refused order spends none', () => {
    const store = memory();
    const vending = new Vending(store);
    const m = demoMeter(T);
    m.utrnCounters = [41];
    expect(vending.token(m, { name: 'TopUp', pounds: 10 }, 'a').counter).toBe(42);
    expect(() => vending.token(m, { name: 'TopUp', pounds: 9000 }, 'b')).toThrow(RangeError); // UTRN value is 0..8191
    expect(() => vending.envelope(m, [{ name: 'TopUp', amountPence: 0 }], 'c')).toThrow(/TopUp needs exactly amountPence 1..16777215/);
    expect(vending.envelope(m, [{ name: 'TopUp', amountPence: 2000 }], 'd').counter).toBe(43);
    expect(store.map.get(VENDING_KEY)).toBe('43');
    m.counterFloor = 100;
    expect(vending.token(m, { name: 'AddDebt', fields: { register: 0, amount: 2500 } }, 'e').counter).toBe(101);
  });

  it('knows a meter with other keys is not the demo meter', () => {
    expect(isDemoMeter(demoMeter(T))).toBe(true);
    expect(isDemoMeter(meterState())).toBe(false);
  });
});
