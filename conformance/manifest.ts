// The signed vector manifest: SHA-256 of every vector file, and a detached Ed25519 signature over the
// manifest's bytes, so a manufacturer can show it ran the unmodified published suite.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { verifyEd25519 } from '../firmware/tokens/ed25519.js';
import { listVectorFiles } from './vectors.js';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const PUBLIC_KEY = 'signing-key.pub';

export interface Manifest {
  version: 1;
  algorithm: 'sha256';
  files: { path: string; sha256: string }[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The manifest text for the vector files under `root` (schema included), in path order. */
export function buildManifest(root: string): string {
  const paths = [join(root, 'schema.json'), ...listVectorFiles(root)];
  const files = paths
    .map((p) => ({ path: relative(root, p).split(sep).join('/'), sha256: sha256(readFileSync(p)) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest: Manifest = { version: 1, algorithm: 'sha256', files };
  return JSON.stringify(manifest, null, 1) + '\n';
}

export interface Verification {
  ok: boolean;
  problems: string[];
  files: number;
}

/** Check the signature over manifest.json, then every file's hash, and that no file is unlisted. */
export function verifyManifest(root: string): Verification {
  const problems: string[] = [];
  for (const f of [MANIFEST, SIGNATURE, PUBLIC_KEY]) if (!existsSync(join(root, f))) problems.push(`${f} is missing`);
  if (problems.length) return { ok: false, problems, files: 0 };
  const manifestBytes = readFileSync(join(root, MANIFEST));
  const signature = Buffer.from(readFileSync(join(root, SIGNATURE), 'utf8').trim(), 'hex');
  const publicKey = Buffer.from(readFileSync(join(root, PUBLIC_KEY), 'utf8').trim(), 'hex');
  if (!verifyEd25519(signature, manifestBytes, publicKey)) problems.push('manifest.sig is not a valid Ed25519 signature of manifest.json under signing-key.pub');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    return { ok: false, problems: [...problems, 'manifest.json is not JSON'], files: 0 };
  }
  const listed = new Set<string>();
  for (const { path, sha256: expected } of manifest.files) {
    listed.add(path);
    const full = join(root, path);
    if (!existsSync(full)) problems.push(`${path} is listed but missing`);
    else if (sha256(readFileSync(full)) !== expected) problems.push(`${path} was modified (SHA-256 differs)`);
  }
  for (const p of [join(root, 'schema.json'), ...listVectorFiles(root)]) {
    const rel = relative(root, p).split(sep).join('/');
    if (!listed.has(rel)) problems.push(`${rel} is not in the manifest`);
  }
  return { ok: problems.length === 0, problems, files: manifest.files.length };
}
