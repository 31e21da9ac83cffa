// The emulator's colours, or none at all: NO_COLOR set to any non-empty value turns colour off
// (no-color.org). Bold and dim are kept: they are emphasis, not colour.
export interface Palette {
  lcdFrame?: string;
  lcd?: string;
  entry?: string;
  speed?: string;
  notice?: string;
  focused?: string;
  token?: string;
}

const COLOURS: Palette = {
  lcdFrame: 'green',
  lcd: 'greenBright',
  entry: 'cyan',
  speed: 'yellow',
  notice: 'yellow',
  focused: 'cyan',
  token: 'cyan',
};

export function paletteFor(env: Readonly<Record<string, string | undefined>>): Palette {
  return env.NO_COLOR ? {} : COLOURS;
}
