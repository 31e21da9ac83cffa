// Dependencies point inward (docs/architecture.md): firmware at the bottom, the library on it, the
// CLI and the emulator on the library. Checked on the static imports of the source files.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The static imports of a file: relative ones resolved to repository paths, packages as named. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
  return specs.map((s) => (s.startsWith('.') ? normalize(join(dirname(file), s)).replace(/\.js$/, '.ts') : s));
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of importsOf(file)) {
      if (dep.endsWith('.ts')) visit(statSync(join(ROOT, dep), { throwIfNoEntry: false }) ? dep : dep.replace(/\.ts$/, '.tsx'));
      else seen.add(dep);
    }
  };
  visit(entry);
  return seen;
}

describe('layers', () => {
  it('firmware imports nothing outside firmware/ but its packages', () => {
    for (const file of sources('firmware')) {
      for (const dep of importsOf(file)) {
        if (dep.endsWith('.ts')) expect(relative('firmware', dep).startsWith('..'), `${file} imports ${dep}`).toBe(false);
        // The machine library, the audited crypto and node:crypto: no files, terminals or network.
        else expect(dep, `${file} imports ${dep}`).toMatch(/^(xstate|@noble\/[a-z0-9]+(\/.*)?|node:crypto)$/);
      }
    }
  });

  it('vending imports only firmware', () => {
    for (const file of sources('vending')) {
      for (const dep of importsOf(file)) if (dep.endsWith('.ts')) expect(dep, `${file} imports ${dep}`).toMatch(/^(firmware|vending)\//);
    }
  });

  it('diagnostics import only firmware', () => {
    for (const file of sources('diagnostics')) {
      for (const dep of importsOf(file)) if (dep.endsWith('.ts')) expect(dep, `${file} imports ${dep}`).toMatch(/^(firmware|diagnostics)\//);
    }
  });

  it('the protocol imports only firmware', () => {
    for (const file of sources('protocol')) {
      for (const dep of importsOf(file)) if (dep.endsWith('.ts')) expect(dep, `${file} imports ${dep}`).toMatch(/^(firmware|protocol)\//);
    }
  });

  it('the library (index.ts) reaches no CLI, emulator, ink or React module', () => {
    const reached = [...closure('index.ts')];
    expect(reached.filter((f) => /^(cli|keypad-sim)\//.test(f) || f === 'ink' || f === 'react')).toEqual([]);
  });

  it('the CLI entry loads commander alone until a command is named', () => {
    expect(importsOf('cli/main.ts')).toEqual(['commander']);
  });
});
