// NO_COLOR (no-color.org) on a terminal that has colour: this file forces chalk's colour on before
// ink loads, so the difference is visible in the frames.
import { describe, expect, it } from 'vitest';
import { startMeter } from '../protocol/device.js';
import { meterState } from './helpers.js';

process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { App } = await import('../keypad-sim/App.js');
const { paletteFor } = await import('../keypad-sim/palette.js');
const { Session } = await import('../keypad-sim/session.js');

// SGR foreground colours: 30-37, 90-97 and 38;5/38;2
const COLOUR = /\u001b\[(3[0-8]|9[0-7])[;m]/;

const frameWith = (env: Record<string, string>) =>
  render(<App session={new Session(startMeter(meterState()))} tickMs={0} palette={paletteFor(env)} />).lastFrame() ?? '';

describe('NO_COLOR', () => {
  it('without it, the frame has colour (so the next test means something)', () => {
    expect(frameWith({})).toMatch(COLOUR);
  });

  it('with it, draws the whole frame without a colour escape', () => {
    const frame = frameWith({ NO_COLOR: '1' });
    expect(frame).toContain('CREDIT £0.00');
    expect(frame).not.toMatch(COLOUR);
  });
});
