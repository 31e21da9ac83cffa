// Pure text helpers for the emulator's panels. The screen is laid out for 80 columns.
import { formatPounds } from '../firmware/money.js';

/** Groups of 5 digits, each with its block letter, as Secure meters show them: A:12345 B:678 */
export function letteredGroups(buffer: string): string[] {
  const groups = buffer.match(/.{1,5}/g) ?? [];
  return groups.map((g, i) => `${String.fromCharCode(65 + (i % 26))}:${g}`);
}

const ENTRY_GROUPS_PER_LINE = 6;
const ENTRY_LINES = 2;

/**
 * The entry line(s) of the LCD: six lettered groups a line, so a 60-digit token takes two lines and
 * never breaks inside a group. A longer entry (the keypad takes up to 80 digits) shows its last two
 * lines after an ellipsis, so the frame never grows.
 */
export function entryLines(buffer: string): string[] {
  if (buffer === '') return ['> _'];
  const groups = letteredGroups(buffer);
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += ENTRY_GROUPS_PER_LINE) lines.push(groups.slice(i, i + ENTRY_GROUPS_PER_LINE).join(' '));
  const shown = lines.slice(-ENTRY_LINES);
  return shown.map((l, i) => (i === 0 ? (lines.length > ENTRY_LINES ? '>…' : '> ') : '  ') + l);
}

/** A grouped token (`12345 67890 ...`) cut into lines of at most `perLine` groups. */
export function tokenLines(grouped: string, perLine: number): string[] {
  const groups = grouped.split(' ');
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += perLine) lines.push(groups.slice(i, i + perLine).join(' '));
  return lines;
}

const BARS = '▁▂▃▄▅▆▇█';

export interface Spark {
  bars: string;
  /** the credit at the bottom and the top of the scale, in mp */
  lowMp: number;
  highMp: number;
}

/**
 * A sparkline of `values` (mp) in at most `width` cells, on a scale at least `floorMp` tall, so a drop
 * of a penny is a penny's worth of bar, not the full height.
 */
export function sparkline(values: readonly number[], width: number, floorMp: number): Spark {
  if (values.length === 0) return { bars: '', lowMp: 0, highMp: 0 };
  const step = Math.max(1, Math.ceil(values.length / width));
  const sampled: number[] = [];
  for (let i = 0; i < values.length; i += step) sampled.push(values[i]!);
  const highMp = Math.max(...sampled);
  const lowMp = Math.min(Math.min(...sampled), highMp - floorMp);
  const bars = sampled.map((v) => BARS[Math.round(((v - lowMp) / (highMp - lowMp)) * (BARS.length - 1))]).join('');
  return { bars, lowMp, highMp };
}

export function poundsRange(s: Spark): string {
  return `${formatPounds(s.lowMp)} to ${formatPounds(s.highMp)}`;
}
