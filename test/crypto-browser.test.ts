// The browser build's crypto (crypto.browser.ts, noble) swapped in for node:crypto under the whole
// firmware, in process, as the web build does at bundle time: the same token examples and the same
// conformance vectors must pass.
import { describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import * as active from '../firmware/tokens/crypto.js';
import * as noble from '../firmware/tokens/crypto.browser.js';
import { runVectors } from '../conformance/runner.js';
import { ModelTarget } from '../conformance/targets.js';
import { loadVectors } from '../conformance/vectors.js';
import { describeTokenExamples } from './support/token-examples.js';

// Wrapped in spies so the test can see the firmware's token path really went through noble.
vi.mock('../firmware/tokens/crypto.js', async () => {
  const browser = await import('../firmware/tokens/crypto.browser.js');
  return { ...browser, gcmTag: vi.fn(browser.gcmTag), sha256: vi.fn(browser.sha256) };
});

describe('with the noble implementation', () => {
  it('is the one the firmware sees, with the same functions as node:crypto', async () => {
    const node = await vi.importActual<typeof active>('../firmware/tokens/crypto.js');
    expect(active.ecdhP256).toBe(noble.ecdhP256);
    expect(Object.keys(noble).sort()).toEqual(Object.keys(node).sort());
  });

  it('passes 100% of the conformance vectors against the model in process', async () => {
    const vectors = loadVectors(fileURLToPath(new URL('../vectors', import.meta.url)));
    const { results } = await runVectors(vectors, { makeTarget: () => new ModelTarget() });
    expect(results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.failure}`)).toEqual([]);
    expect(results.length).toBe(vectors.length);
    expect(vi.mocked(active.gcmTag).mock.calls.length).toBeGreaterThan(100);
    expect(vi.mocked(active.sha256).mock.calls.length).toBeGreaterThan(100);
  }, 60_000);

  describeTokenExamples();
});
