// The emulator as a person uses it: keys in, the rendered frame out.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { demoTokens } from '../cli/demo.js';
import { loadKeySetFromObject } from '../cli/keyset.js';
import { startMeter } from '../protocol/device.js';
import type { MeterState } from '../firmware/state.js';
import { hexToBytes } from '../firmware/tokens/crypto.js';
import { issueEnvelope } from '../vending/envelope.js';
import { issueCommandToken } from '../vending/command-token.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';
import { App } from '../keypad-sim/App.js';
import { poundsRange, sparkline } from '../keypad-sim/format.js';
import { paletteFor } from '../keypad-sim/palette.js';
import { NOTICE_MS, Session } from '../keypad-sim/session.js';
import { examples, meterState, RTDS } from './helpers.js';
import { rtdsParty } from './helpers.js';

const tick = () => new Promise((r) => setTimeout(r, 0));
const rtdsKeys = loadKeySetFromObject({ ...RTDS }, 'RTDS');
const rtdsDemoTokens = (m: MeterState) => demoTokens(rtdsKeys, m);

/** The App in an 80-column terminal, as most people first open one. */
function mount(meter: Record<string, unknown> = {}, withDemoTokens = false) {
  const session = new Session(startMeter(meterState(meter)));
  const app = <App session={session} tickMs={0} palette={{}} demoTokens={withDemoTokens ? rtdsDemoTokens : undefined} />;
  const ui = render(app);
  Object.defineProperty(ui.stdout, 'columns', { get: () => 80 });
  ui.rerender(app);
  const type = async (text: string) => {
    ui.stdin.write(text);
    await tick();
  };
  return { session, ui, type, frame: () => ui.lastFrame() ?? '' };
}

describe('keypad emulator', () => {
  it('a 20-digit token typed key by key, then Enter, adds credit on screen', async () => {
    const { type, frame } = mount();
    await tick();
    expect(frame()).toContain('CREDIT £0.00');
    for (const d of '7394725241674520163') await type(d);
    expect(frame()).toContain('A:73947 B:25241 C:67452 D:0163');
    await type('7');
    await type('\r');
    expect(frame()).toContain('ADDED £12.34');
    expect(frame()).toContain('CREDIT £12.34');
  });

  it('a pasted 60-digit token with spaces, submitted with #', async () => {
    const c = examples.commands.find((x: any) => x.name === 'SetDebt');
    const { type, frame } = mount({ utrnCounters: [c.utrnCounter - 1] });
    await type(c.token);
    expect(frame()).toContain('L:');
    await type('#');
    expect(frame()).toContain('DEBT SET');
    expect(frame()).toContain('DEBT £120.00');
  });

  it('a typo shows which block is wrong; Esc clears the entry', async () => {
    const { type, frame } = mount();
    await type('73947252416745201638\r');
    expect(frame()).toContain('CHECK DIGIT BLOCK 1');
    await type('123');
    expect(frame()).toContain('A:123');
    await type('\u001b');
    await tick();
    expect(frame()).toContain('> _');
  });

  it('five forged tokens lock the keypad, shown with the minutes left', async () => {
    const { type, frame } = mount();
    for (let i = 1; i <= 5; i++) {
      const pptd = (BigInt('7394333345718904331') + BigInt(i)).toString(); // MAC bits changed
      await type(pptd + String(checkDigit(pptd)) + '\r');
    }
    expect(frame()).toContain('KEY LOCKED 60 MIN');
    await type('73947252416745201637\r');
    expect(frame()).toContain('KEY LOCKED 60 MIN');
    expect(frame()).not.toContain('ADDED');
  });

  it('the clock controls: speed, pause, jump to the next boundary', async () => {
    const { type, frame, session } = mount();
    await tick();
    expect(frame()).toContain('x60');
    await type('s');
    expect(frame()).toContain('x3600');
    await type('p');
    expect(frame()).toContain('paused');
    session.tick(10_000);
    expect(frame()).toContain('2026-02-02 08:00:00 GMT');
    await type('n'); // next boundary: local midnight
    expect(frame()).toContain('2026-02-03 00:00:00 GMT');
    await type('p');
    session.tick(1000); // 1 s real at x3600 = 1 h
    await tick();
    expect(frame()).toContain('2026-02-03 01:00:00 GMT');
  });

  it('emergency credit: button a at the meter, and Ctrl+E from the PPMID pane', async () => {
    const { type, frame } = mount();
    await tick();
    expect(frame()).toContain('EMERGENCY AVAILABLE - PRESS A');
    await type('a');
    expect(frame()).toContain('EMERGENCY CREDIT IN USE £10.00');
    expect(frame()).toContain('Emergency credit on'); // the event log in words, not code names
    expect(frame()).not.toContain('emergencyCreditActivated');
    const second = mount();
    await second.type('\t');
    await second.type('\u0005'); // Ctrl+E
    expect(second.frame()).toContain('EMERGENCY CREDIT ON');
  });

  it('the PPMID pane relays a pasted token; enabling gas from it is refused', async () => {
    const token = issueCommandToken(rtdsParty, 5, 'Supply', { action: 2 }).token;
    const { type, frame } = mount({ fuel: 'gas', supply: 'disabled', meterBalance: 500_000, utrnCounters: [4] });
    await type('\t');
    await type(token);
    await type('\r');
    // gas: a relayed enable arms instead, and the PPMID says so
    expect(frame()).toMatch(/^ +SUPPLY ARMED - PRESS B$/m);
    expect(frame()).not.toContain('Accepted');
    await type('\u0002'); // Ctrl+B
    expect(frame()).toContain('PRESS B ON THE GAS METER');
    expect(frame()).not.toContain('gasLocalOnly');
    await type('\t');
    await type('b');
    expect(frame()).toContain('SUPPLY ON');
  });

  it('button A or B refused at the meter says why, in words', async () => {
    const { type, frame } = mount({ meterBalance: 5_000_000 }); // £50: no emergency credit on offer
    await type('a');
    expect(frame()).toContain('NO EMERGENCY CREDIT NOW');
    await type('b');
    expect(frame()).toContain('SUPPLY ALREADY ON');
    expect(frame()).not.toMatch(/REFUSED|notArmed|ecNotAvailable/);
  });

  it('a half-typed entry dropped by the 20 s inter-key timeout shows TIMED OUT; the clock says x1 while typing', async () => {
    const { type, frame, session } = mount();
    await type('12345');
    expect(frame()).toContain('x1 (typing)');
    session.tick(19_000); // typing runs the clock at x1: 19 virtual s, inside the 20 s timeout
    await tick();
    expect(frame()).toContain('A:12345');
    session.tick(1_000);
    await tick();
    expect(frame()).toContain('TIMED OUT');
    expect(frame()).toContain('> _');
    expect(frame()).toContain('x60');
  });

  it('the words of the last action expire after NOTICE_MS of real time', async () => {
    const { type, frame, session } = mount();
    await type('73947252416745201638\r');
    expect(frame()).toContain('CHECK DIGIT BLOCK 1');
    await type('p'); // paused: the words still expire, they are real time
    session.tick(NOTICE_MS - 1);
    await tick();
    expect(frame()).toContain('CHECK DIGIT BLOCK 1');
    session.tick(1);
    await tick();
    expect(frame()).not.toContain('CHECK DIGIT BLOCK 1');
  });

  it('a keypad lock counts down on the LCD once the refusal words have gone', async () => {
    const { type, frame, session } = mount();
    for (let i = 1; i <= 5; i++) {
      const pptd = (BigInt('7394333345718904331') + BigInt(i)).toString(); // MAC bits changed
      await type(pptd + String(checkDigit(pptd)) + '\r');
    }
    session.tick(NOTICE_MS); // x60: 15 real s = 15 virtual min
    await tick();
    expect(frame()).toContain('KEY LOCKED 45 MIN'); // 60 min lock - 15 min
  });

  it('demo tokens: a used one is replaced by a fresh one, which is accepted', async () => {
    const { type, frame } = mount({}, true);
    const offered = () => frame().match(/^top-up £10 +([\d ]+)$/m)![1]!.trim();
    const first = offered();
    await type(first + '\r');
    expect(frame()).toContain('ADDED £10.00');
    const second = offered();
    expect(second).not.toBe(first);
    await type(second + '\r');
    expect(frame()).toContain('ADDED £10.00');
    expect(frame()).toContain('CREDIT £20.00');
  });

  it('an envelope says what it changed', async () => {
    const SK = hexToBytes('f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1');
    const PK = 'c7abd9cda226f96ce99df02d3d01660b5a22e3fec8cd51ea801402b9dcfef148';
    const jws = issueEnvelope({ originatorId: RTDS.originatorId, deviceId: RTDS.deviceId, signingKey: SK }, 1, [
      { name: 'TopUp', amountPence: 1000 },
      { name: 'AddDebt', register: 0, amount: 500 },
    ]);
    const { type, frame } = mount({ supplierSigningPublicKey: PK });
    await type('\t');
    await type(jws);
    await type('\r');
    expect(frame()).toContain('ADDED £10.00, DEBT ADDED £5.00');
  });

  it('fits 80x24 in its fullest state: debt, emergency credit, a lock, a 70-digit entry, every message', async () => {
    const c = examples.commands.find((x: any) => x.name === 'SetDebt');
    const { type, frame } = mount({ meterBalance: 0, utrnCounters: [c.utrnCounter - 1] }, true);
    for (let i = 1; i <= 5; i++) {
      const pptd = (BigInt('7394333345718904331') + BigInt(i)).toString(); // MAC bits changed
      await type(pptd + String(checkDigit(pptd)) + '\r');
    }
    await type('\t');
    await type(c.token); // relayed: the PPMID has its own lock. DEBT £120.00 line
    await type('\r');
    await type('\t');
    await type('a'); // emergency credit line
    await type(c.token.replace(/ /g, '') + '1234567890'); // 70 digits: the entry at its widest
    const rows = frame().split('\n');
    expect(frame()).toContain('DEBT £120.00');
    expect(frame()).toContain('EMERGENCY CREDIT IN USE');
    expect(frame()).toContain('KEY LOCKED 60 MIN');
    expect(frame()).toMatch(/^ +DEBT SET$/m);
    // ink clears the whole screen on every frame once a frame reaches the terminal's height
    expect(rows.length).toBeLessThanOrEqual(23);
    for (const row of rows) expect([...row].length).toBeLessThanOrEqual(80);
    // demo tokens and the entry break between groups of five, never inside one
    for (const row of rows.filter((r) => /\d{5} \d{5}/.test(r))) expect(row).toMatch(/(^ *|  )(\d{5} )*\d{5} *$/);
    // 14 groups: the first six scroll off, the last eight show on two lines
    expect(frame()).toMatch(/^│ >…G:\d{5} H:\d{5} I:\d{5} J:\d{5} K:\d{5} L:\d{5} │/m);
    expect(frame()).toMatch(/^│   M:12345 N:67890 +│/m);
  });
});

describe('colour', () => {
  it('NO_COLOR set to anything non-empty turns every colour off (no-color.org)', () => {
    expect(paletteFor({ NO_COLOR: '1' })).toEqual({});
    expect(Object.values(paletteFor({})).length).toBeGreaterThan(0);
    expect(paletteFor({ NO_COLOR: '' })).toEqual(paletteFor({}));
  });
});

describe('the credit sparkline', () => {
  it('a 1p drop is a small step on a scale at least £1.00 tall, and the scale is labelled', () => {
    // £5.00 -> £4.99: 1,000 mp of a 100,000 mp scale is 1% of the height, so the bottom bar (of 8)
    // is not reached: both samples round to the top bar.
    const spark = sparkline([500_000, 499_000], 24, 100_000);
    expect(spark.bars).toBe('██');
    expect(poundsRange(spark)).toBe('£4.00 to £5.00');
  });

  it('a fall larger than the floor uses the whole height', () => {
    const spark = sparkline([1_000_000, 500_000, 0], 24, 100_000); // £10 to £0
    expect(spark.bars).toBe('█▅▁'); // 0.5 x 7 = 3.5 rounds to bar 4 (▅)
    expect(poundsRange(spark)).toBe('£0.00 to £10.00');
  });
});
