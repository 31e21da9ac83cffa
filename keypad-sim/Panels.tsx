import { Box, Text } from 'ink';
import { localText, toIso } from '../firmware/clock.js';
import { formatPounds } from '../firmware/money.js';
import type { MeterState } from '../firmware/state.js';
import { sparkline } from './format.js';
import type { SessionView } from './session.js';

export function ClockBar({ view }: { view: SessionView }) {
  const m = view.meter;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>clock</Text> {localText(m.time)} <Text color="yellow">x{view.speed}</Text> {view.paused ? '⏸ paused' : '▶'}
        {'   '}
        <Text bold>load</Text> {m.loadW} W ({view.profile})
      </Text>
    </Box>
  );
}

export function Sparkline({ view }: { view: SessionView }) {
  const values = view.history.map((p) => p.credit);
  const last = values[values.length - 1] ?? 0;
  return (
    <Text>
      <Text bold>credit, last day</Text> {sparkline(values, 40)} {formatPounds(last)}
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
        <Text key={i} dimColor={i < events.length - 1}>
          {toIso(e.time).slice(0, 19).replace('T', ' ')} {e.name}
        </Text>
      ))}
    </Box>
  );
}

export function PpmidPane({ view }: { view: SessionView }) {
  const focused = view.focus === 'ppmid';
  const text = view.ppmidText.length > 60 ? '…' + view.ppmidText.slice(-59) : view.ppmidText;
  return (
    <Box flexDirection="column" borderStyle="single" borderColor={focused ? 'cyan' : 'gray'} paddingX={1}>
      <Text bold>PPMID {focused ? '(typing here: Enter send, Esc clear, Ctrl+E emergency credit, Ctrl+B enable supply, Tab back)' : '(Tab to use)'}</Text>
      <Text>{'> ' + (text || '_')}</Text>
      {view.ppmidMessage ? <Text color="yellow">{view.ppmidMessage}</Text> : null}
    </Box>
  );
}

export function HelpLine() {
  return (
    <Text dimColor>
      keys: 0-9 type · Enter/# submit · Backspace/&lt; delete · Esc/* clear · a emergency credit · b enable supply · Tab PPMID ·
      s speed · p pause · n next event · l load profile · +/- load · o power cut/restore · q quit
    </Text>
  );
}

export function DemoTokens({ tokens }: { tokens: readonly { label: string; digits: string }[] }) {
  if (tokens.length === 0) return null;
  return (
    <Box flexDirection="column">
      <Text bold>demo tokens for this meter (test keys)</Text>
      {tokens.map((t) => (
        <Text key={t.label}>
          {t.label.padEnd(22)} <Text color="cyan">{t.digits}</Text>
        </Text>
      ))}
    </Box>
  );
}
