// The built bundle is a browser program: no node: import, no Node built-in stubbed out by Vite, and
// the noble crypto in place of node:crypto.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ASSETS = new URL('../../dist-web/assets/', import.meta.url);
const scripts = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
const code = scripts.map((f) => readFileSync(new URL(f, ASSETS), 'utf8')).join('\n');

describe('dist-web bundle', () => {
  it('exists (npm run build:web)', () => {
    expect(scripts.length).toBeGreaterThan(0);
    expect(readFileSync(new URL('../../dist-web/index.html', import.meta.url), 'utf8')).toContain('./assets/');
  });

  it('imports nothing from node:, and Vite stubbed out no Node built-in', () => {
    expect(code).not.toMatch(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'`]node:/);
    expect(code).not.toMatch(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'`](?:crypto|fs|path|url|os|buffer|child_process)["'`]/);
    expect(code).not.toContain('__vite-browser-external');
    expect(code).not.toMatch(/\bBuffer\.(?:from|alloc)\(/);
  });

  it('carries the noble implementation, not the node:crypto one', () => {
    expect(code).not.toContain('createCipheriv');
    expect(code).not.toContain('diffieHellman');
    expect(code).toContain('AES-128-GCM needs a 16-byte key'); // crypto.browser.ts's own message
  });
});
