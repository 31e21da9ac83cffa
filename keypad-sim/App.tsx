// The keypad/PPMID emulator. Components read the session snapshot and only send events.
import { Box, useApp, useInput } from 'ink';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { MeterState } from '../firmware/state.js';
import { highestCounter } from '../firmware/tokens/counter-cache.js';
import { Lcd, LCD_WIDTH } from './Lcd.js';
import { paletteFor, type Palette } from './palette.js';
import { ClockBar, DemoTokens, EventLog, HelpLine, PpmidPane, Sparkline, type DemoToken } from './Panels.js';
import type { Session } from './session.js';

/** The frame is laid out for the smallest common terminal, and stays under 24 rows in every state. */
export const SCREEN_COLUMNS = 80;

export interface AppProps {
  session: Session;
  /** ready tokens for the meter as it is now (so a used one is never offered again) */
  demoTokens?: (meter: MeterState) => readonly DemoToken[];
  palette?: Palette;
  /** real milliseconds between clock ticks; 0 disables the running clock (tests drive it) */
  tickMs?: number;
  onExit?: () => void;
}

export function App({ session, demoTokens, palette = paletteFor(process.env), tickMs = 250, onExit }: AppProps) {
  const view = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { exit } = useApp();
  const highest = highestCounter(view.meter.utrnCounters);
  const floor = view.meter.counterFloor;
  // Fresh tokens whenever a counter is used (or a new tenancy raises the floor).
  const tokens = useMemo(() => demoTokens?.(view.meter) ?? [], [demoTokens, highest, floor]);

  useEffect(() => {
    if (tickMs <= 0) return;
    let last = Date.now();
    const id = setInterval(() => {
      const now = Date.now();
      session.tick(now - last);
      last = now;
    }, tickMs);
    return () => clearInterval(id);
  }, [session, tickMs]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      onExit?.();
      return exit();
    }
    if (key.tab) return session.toggleFocus();
    if (session.getSnapshot().focus === 'ppmid') {
      if (key.return) return session.ppmidSubmit();
      if (key.escape) return session.ppmidClear();
      if (key.backspace || key.delete) return session.ppmidBackspace();
      if (key.ctrl && input === 'e') return void session.button('A', 'ppmid');
      if (key.ctrl && input === 'b') return void session.button('B', 'ppmid');
      if (!key.ctrl && !key.meta && input) return session.ppmidType(input.replace(/[\r\n]/g, ''));
      return;
    }
    if (key.return) return session.keys('#');
    if (key.escape) return session.keys('*');
    if (key.backspace || key.delete) return session.keys('<');
    // A paste arrives as one chunk: keep its digits and keypad symbols, drop spaces and dashes; a
    // trailing newline submits.
    const keypad = input.replace(/[\r\n]/g, '#').replace(/[^0-9#*<]/g, '');
    if (keypad && /^[0-9#*<\s-]+$/.test(input)) return session.keys(keypad);
    switch (input) {
      case 'a':
        return void session.button('A', 'meter');
      case 'b':
        return void session.button('B', 'meter');
      case 's':
        return session.cycleSpeed();
      case 'p':
        return session.togglePause();
      case 'n':
        return session.jumpToNextBoundary();
      case 'l':
        return session.cycleProfile();
      case '+':
      case '=':
        return session.adjustLoad(100);
      case '-':
        return session.adjustLoad(-100);
      case 'o':
        return session.power(!view.meter.power);
      case 'q':
        onExit?.();
        return exit();
    }
  });

  return (
    <Box flexDirection="column" width={SCREEN_COLUMNS}>
      <Box>
        <Lcd meter={view.meter} notice={view.notice} palette={palette} />
        <Box flexDirection="column" marginLeft={1} width={SCREEN_COLUMNS - LCD_WIDTH - 1}>
          <EventLog meter={view.meter} />
        </Box>
      </Box>
      <ClockBar view={view} palette={palette} />
      <Sparkline view={view} />
      <PpmidPane view={view} palette={palette} />
      <DemoTokens tokens={tokens} palette={palette} />
      <HelpLine />
    </Box>
  );
}
