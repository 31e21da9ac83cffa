// parseIso is strict (clarifications 27): the whole text is one ISO-8601 UTC instant, whole seconds,
// with any number of zero fraction digits.
import { describe, expect, it } from 'vitest';
import { parseIso } from '../firmware/clock.js';

// 2026-02-02T08:00:00Z: 946,684,800 (2000-01-01) + 9,529 days * 86,400 + 8 h * 3,600 = 1,770,019,200
const T = 1_770_019_200;

describe('parseIso', () => {
  it.each(['2026-02-02T08:00:00Z', '2026-02-02T08:00:00.0Z', '2026-02-02T08:00:00.000Z', '2026-02-02T08:00:00.000+00:00'])('%s', (text) => {
    expect(parseIso(text)).toBe(T);
  });
  it.each(['x2026-02-02T08:00:00Z', '2026-02-02T08:00:00Zx', '2026-02-02T08:00:00Z\n', ' 2026-02-02T08:00:00Z'])('%j is not one instant', (text) => {
    expect(parseIso(text)).toBeNull();
  });
});
