// Where the CLI finds the demo key set shipped with the package and keeps per-user data.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../conformance/suite.js';

export { PACKAGE_ROOT };
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
