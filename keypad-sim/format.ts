// Pure text helpers for the emulator's panels.

/** The typed token in groups of 5 with block letters, as Secure meters show them: A:12345 B:678 */
export function lettered(buffer: string): string {
  const groups = buffer.match(/.{1,5}/g) ?? [];
  return groups.map((g, i) => `${String.fromCharCode(65 + (i % 26))}:${g}`).join(' ');
}

const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of `values` in at most `width` cells. */
export function sparkline(values: readonly number[], width: number): string {
  if (values.length === 0) return '';
  const step = Math.max(1, Math.ceil(values.length / width));
  const sampled: number[] = [];
  for (let i = 0; i < values.length; i += step) sampled.push(values[i]!);
  const min = Math.min(...sampled);
  const max = Math.max(...sampled);
  return sampled.map((v) => BARS[max === min ? 3 : Math.round(((v - min) / (max - min)) * (BARS.length - 1))]).join('');
}
