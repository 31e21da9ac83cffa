// The README's library snippet pastes and runs: it is run here as written (the import of 'nowan'
// becomes the library itself) and every console.log must print what its comment says.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as nowan from '../index.js';
import { RTDS } from './helpers.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const snippet = readme.slice(readme.indexOf('## Library')).match(/```js\n([\s\S]*?)```/)![1]!;

describe('README library snippet', () => {
  it('runs, and prints what its comments say', async () => {
    const printed: string[] = [];
    const body = snippet
      .replace(/^import \{([^}]+)\} from 'nowan';$/m, 'const {$1} = nowan;')
      .replace(/console\.log\(/g, 'print(');
    expect(body).not.toContain('import ');
    const run = new Function('nowan', 'print', `return (async () => {\n${body}\n})();`);
    await run(nowan, (v: unknown) => printed.push(String(v)));
    // the expected value is the comment up to an explanation in brackets
    const expected = [...snippet.matchAll(/^console\.log\(.*\/\/ *([^(\n]*?) *(\(.*)?$/gm)].map((m) => m[1]);
    expect(expected.length).toBe(4);
    expect(printed).toEqual(expected);
  });

  it('carries the whole published RTDS shared secret (tokens.md section 3), not an elided one', () => {
    expect(snippet).toContain(`sharedSecret: '${RTDS.sharedSecret}'`);
  });
});

describe('the built bin', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

  it('starts with a node shebang, and the build makes every bin executable', () => {
    expect(readFileSync(new URL('../cli/main.ts', import.meta.url), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(pkg.bin).toEqual({ nowan: 'dist/cli/main.js' });
    // run the postbuild step itself in a scratch package with the same bin
    const dir = mkdtempSync(join(tmpdir(), 'nowan-bin-'));
    mkdirSync(join(dir, 'dist/cli'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ bin: pkg.bin }));
    writeFileSync(join(dir, 'dist/cli/main.js'), '#!/usr/bin/env node\n', { mode: 0o644 });
    execSync(pkg.scripts.postbuild, { cwd: dir, stdio: 'pipe' });
    expect(statSync(join(dir, 'dist/cli/main.js')).mode & 0o111).toBe(0o111);
    rmSync(dir, { recursive: true });
  });

  it('is licensed as package.json says, with the licence text shipped', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(new URL('../LICENSE', import.meta.url), 'utf8')).toMatch(/^MIT License\n/);
  });
});
