// The keypad/PPMID emulator. Components read the session snapshot and only send events.
import { Box, useApp, useInput } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import { Lcd } from './Lcd.js';
import { ClockBar, DemoTokens, EventLog, HelpLine, PpmidPane, Sparkline } from './Panels.js';
import type { Session } from './session.js';

export interface AppProps {
  session: Session;
  demoTokens?: readonly { label: string; digits: string }[];
  /** real milliseconds between clock ticks; 0 disables the running clock (tests drive it) */
  tickMs?: number;
  onExit?: () => void;
}

export function App({ session, demoTokens = [], tickMs = 250, onExit }: AppProps) {
  const view = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { exit } = useApp();

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
    <Box flexDirection="column">
      <Box>
        <Lcd meter={view.meter} />
        <Box flexDirection="column" marginLeft={2}>
          <EventLog meter={view.meter} />
        </Box>
      </Box>
      <ClockBar view={view} />
      <Sparkline view={view} />
      <PpmidPane view={view} />
      <DemoTokens tokens={demoTokens} />
      <HelpLine />
    </Box>
  );
}
