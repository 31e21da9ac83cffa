// Files shipped with the package (vectors, test keys), found from the package root whether nowan runs
// from source (tsx) or from the build (dist/).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
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
export const DEMO_KEYSET = join(PACKAGE_ROOT, 'keys', 'demo-keyset.json');

/**
 * The per-user data folder (counter histories): NOWAN_DATA_DIR, else $XDG_DATA_HOME/nowan, else
 * ~/.local/share/nowan. Never inside the package, which may be read-only and is replaced on upgrade.
 */
export function dataDir(): string {
  const env = process.env;
  if (env.NOWAN_DATA_DIR) return resolve(env.NOWAN_DATA_DIR);
  if (env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME)) return join(env.XDG_DATA_HOME, 'nowan');
  return join(homedir(), '.local', 'share', 'nowan');
}
