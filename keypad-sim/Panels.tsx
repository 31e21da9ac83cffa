import { Box, Text } from 'ink';
import { localText } from '../firmware/clock.js';
import { formatPounds } from '../firmware/money.js';
import type { MeterState } from '../firmware/state.js';
import { poundsRange, sparkline, tokenLines } from './format.js';
import type { Palette } from './palette.js';
import type { SessionView } from './session.js';
import { eventWords } from './words.js';

/** The sparkline's scale is never less than £1.00 tall (100,000 mp). */
const SPARK_FLOOR_MP = 100_000;

export function ClockBar({ view, palette }: { view: SessionView; palette: Palette }) {
  const m = view.meter;
  // While a token is typed the clock runs at x1 (the 20 s inter-key timeout is real seconds): say so.
  const speed = m.keypad.buffer !== '' && !view.paused ? 'x1 (typing)' : `x${view.speed}`;
  return (
    <Text wrap="truncate">
      <Text bold>clock</Text> {localText(m.time)} <Text color={palette.speed}>{speed}</Text> {view.paused ? '⏸ paused' : '▶'}
      {'  '}
      <Text bold>load</Text> {m.loadW} W ({view.profile})
    </Text>
  );
}

export function Sparkline({ view }: { view: SessionView }) {
  const values = view.history.map((p) => p.credit);
  const spark = sparkline(values, 24, SPARK_FLOOR_MP);
  return (
    <Text wrap="truncate">
      <Text bold>credit, last day</Text> {spark.bars} now {formatPounds(values[values.length - 1] ?? 0)}{' '}
      <Text dimColor>(scale {poundsRange(spark)})</Text>
    </Text>
  );
}

export function EventLog({ meter, rows = 6 }: { meter: MeterState; rows?: number }) {
  const events = meter.events.slice(-rows);
  return (
    <Box flexDirection="column">
      <Text bold>events</Text>
      {events.length === 0 ? <Text dimColor>(none)</Text> : null}
      {events.map((e, i) => (
        <Text key={i} dimColor={i < events.length - 1} wrap="truncate">
          {localText(e.time).slice(11, 16)} {eventWords(e.name)}
        </Text>
      ))}
    </Box>
  );
}

export function PpmidPane({ view, palette }: { view: SessionView; palette: Palette }) {
  const focused = view.focus === 'ppmid';
  const text = view.ppmidText.length > 70 ? '…' + view.ppmidText.slice(-69) : view.ppmidText;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold color={focused ? palette.focused : undefined}>
          PPMID
        </Text>{' '}
        <Text dimColor>{focused ? 'Enter send · Esc clear · Ctrl+E emergency · Ctrl+B supply · Tab back' : 'Tab to paste a token or an envelope'}</Text>
      </Text>
      <Text wrap="truncate">{(focused ? '> ' : '  ') + (text || '_')}</Text>
      {view.ppmidMessage ? (
        <Text color={palette.notice} wrap="truncate">
          {'  ' + view.ppmidMessage}
        </Text>
      ) : null}
    </Box>
  );
}

/** The keys, one line each for the keypad and the clock, broken between keys, never inside one. */
export function HelpLine() {
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">
        0-9 type · Enter submit · Bksp delete · Esc clear · a emergency · b supply on
      </Text>
      <Text dimColor wrap="truncate">
        s speed · p pause · n next event · l load profile · +/- load · o power · q quit
      </Text>
    </Box>
  );
}

export interface DemoToken {
  label: string;
  digits: string;
}

/** Ready tokens: up to six groups on a line, so the 60-digit one takes two lines broken between groups. */
export function DemoTokens({ tokens, palette }: { tokens: readonly DemoToken[]; palette: Palette }) {
  if (tokens.length === 0) return null;
  return (
    <Box flexDirection="column">
      <Text bold>demo tokens for this meter (test keys; fresh after each one used)</Text>
      {tokens.flatMap((t) =>
        tokenLines(t.digits, 8).map((line, i) => (
          <Text key={`${t.label}-${i}`} wrap="truncate">
            {(i === 0 ? t.label : '').padEnd(24)}
            <Text color={palette.token}>{line}</Text>
          </Text>
        )),
      )}
    </Box>
  );
}
