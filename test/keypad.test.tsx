// The emulator as a person uses it: keys in, the rendered frame out.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { startMeter } from '../firmware/device.js';
import { issueCommandToken } from '../firmware/tokens/nowan.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';
import { App } from '../keypad-sim/App.js';
import { Session } from '../keypad-sim/session.js';
import { examples, meterState } from './helpers.js';
import { rtdsParty } from './helpers.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

function mount(meter: Record<string, unknown> = {}) {
  const session = new Session(startMeter(meterState(meter)));
  const ui = render(<App session={session} tickMs={0} />);
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
    expect(frame()).toContain('emergencyCreditActivated');
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
    expect(frame()).toContain('Accepted');
    expect(frame()).toContain('SUPPLY ARMED - PRESS B'); // gas: a relayed enable arms instead
    await type('\u0002'); // Ctrl+B
    expect(frame()).toContain('REFUSED: gasLocalOnly');
    await type('\t');
    await type('b');
    expect(frame()).toContain('SUPPLY ON');
  });
});
