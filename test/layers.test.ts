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

  it('firmware modules import each other without a cycle at run time (type imports aside)', () => {
    // Types may name each other (the state is the union of the sections' slices); values may not
    // go round in a circle, or a module could be read before it has finished loading.
    const runtimeImports = (file: string) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return [...text.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) => normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts'));
    };
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const dep of runtimeImports(file)) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of sources('firmware')) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('the CLI entry loads commander alone until a command is named', () => {
    expect(importsOf('cli/main.ts')).toEqual(['commander']);
  });
});
