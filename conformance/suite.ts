// The conformance suite shipped with the package, found from the package root whether nowan runs
// from source (tsx) or from the build (dist/). The library (index.ts) and the CLI both use it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'nowan') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the nowan package root');
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot();
export const VECTOR_ROOT = join(PACKAGE_ROOT, 'vectors');
export const NOWAN_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
