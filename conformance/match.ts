// Partial matching of a reply against a step's `expect` (conformance.md section 4): every key given
// must be equal; arrays must have equal length and match element-wise; keys not given are not checked.

export interface Mismatch {
  /** JSON path of the first difference, e.g. `readout.events[2].name` */
  path: string;
  expected: unknown;
  actual: unknown;
}

export function firstMismatch(expected: unknown, actual: unknown, path = ''): Mismatch | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return { path: path || '.', expected, actual };
    for (let i = 0; i < expected.length; i++) {
      const m = firstMismatch(expected[i], actual[i], `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return { path: path || '.', expected, actual };
    for (const [key, value] of Object.entries(expected)) {
      const m = firstMismatch(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (m) return m;
    }
    return null;
  }
  return Object.is(expected, actual) ? null : { path: path || '.', expected, actual };
}
