// The signed vector manifest: SHA-256 of every vector file, and a detached Ed25519 signature over the
// manifest's bytes, so a manufacturer can show it ran the unmodified published suite.
import { createHash } from 'node:crypto';
import { verifyEd25519 } from '../firmware/tokens/ed25519.js';
import { readSuiteFiles, type SuiteFiles } from './vectors.js';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const PUBLIC_KEY = 'signing-key.pub';

/**
 * The published suite's Ed25519 public key, pinned here in the runner. A suite folder carries its own
 * signing-key.pub for readers, but trust never comes from the folder under test: anyone who edits a
 * vector can re-sign the manifest with a key of their own and put that key beside it. Rotating the key
 * (npm run vectors:sign -- --new-key) means changing this constant too; a test checks the two agree.
 */
export const PUBLISHED_SIGNING_KEY = '5a11ba7bf1efeaffe0e313fc7d9448da72bfb5c8d360446fe8786c3c59a3765c';

export interface Manifest {
  version: 1;
  algorithm: 'sha256';
  files: { path: string; sha256: string }[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The manifest text for the vector files under `root` (schema included), in path order. */
export function buildManifest(root: string): string {
  const suite = readSuiteFiles(root);
  const files = [...suite.hashed.entries()].map(([path, bytes]) => ({ path, sha256: sha256(bytes) })).sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest: Manifest = { version: 1, algorithm: 'sha256', files };
  return JSON.stringify(manifest, null, 1) + '\n';
}

/** What a run can say about the suite it ran: the report's `suite` block. */
export interface Integrity {
  /** SHA-256 of manifest.json's bytes, null when it is missing */
  manifestSha256: string | null;
  signature: 'valid' | 'invalid' | 'missing';
  /** true only with a valid signature and every file exactly as listed */
  unmodified: boolean;
  /** files listed in the manifest whose SHA-256 differs */
  modified: string[];
  /** files listed in the manifest that are not there */
  missing: string[];
  /** vector files (or the schema) the manifest does not list */
  extra: string[];
  /** manifest.json itself is not a readable manifest */
  unreadable?: string;
  /** number of files the manifest lists */
  files: number;
}

function parseManifest(bytes: Uint8Array): Manifest | string {
  let m: unknown;
  try {
    m = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return 'manifest.json is not JSON';
  }
  const files = (m as Manifest | null)?.files;
  const wellFormed = Array.isArray(files) && files.every((f) => typeof f?.path === 'string' && typeof f?.sha256 === 'string');
  return wellFormed ? (m as Manifest) : 'manifest.json has no list of {path, sha256} files';
}

/** Check the signature over manifest.json, every listed file's hash, and that no file is unlisted. */
export function checkIntegrity(suite: SuiteFiles): Integrity {
  const { manifest: manifestBytes, signature: sigText } = suite;
  const out: Integrity = { manifestSha256: manifestBytes ? sha256(manifestBytes) : null, signature: 'missing', unmodified: false, modified: [], missing: [], extra: [], files: 0 };
  if (manifestBytes && sigText) {
    const signature = Buffer.from(Buffer.from(sigText).toString('utf8').trim(), 'hex');
    out.signature = verifyEd25519(signature, manifestBytes, Buffer.from(PUBLISHED_SIGNING_KEY, 'hex')) ? 'valid' : 'invalid';
  }
  const manifest = manifestBytes ? parseManifest(manifestBytes) : 'manifest.json is missing';
  if (typeof manifest === 'string') {
    out.unreadable = manifest;
    out.extra = [...suite.hashed.keys()].sort();
    return out;
  }
  const listed = new Set<string>();
  for (const { path, sha256: expected } of manifest.files) {
    listed.add(path);
    const bytes = suite.hashed.get(path);
    if (!bytes) out.missing.push(path);
    else if (sha256(bytes) !== expected) out.modified.push(path);
  }
  out.extra = [...suite.hashed.keys()].filter((p) => !listed.has(p)).sort();
  out.files = manifest.files.length;
  out.unmodified = out.signature === 'valid' && !out.modified.length && !out.missing.length && !out.extra.length;
  return out;
}

/** Every reason the suite is not the published one, one line each (`nowan vectors verify`, the runner). */
export function integrityProblems(i: Integrity): string[] {
  const problems: string[] = [];
  if (i.manifestSha256 === null) problems.push(`${MANIFEST} is missing`);
  else if (i.signature === 'missing') problems.push(`${SIGNATURE} is missing`);
  else if (i.signature === 'invalid') problems.push(`${SIGNATURE} is not a valid Ed25519 signature of ${MANIFEST} under the published nowan key (${PUBLISHED_SIGNING_KEY.slice(0, 16)}...)`);
  if (i.unreadable && i.manifestSha256 !== null) problems.push(i.unreadable);
  for (const p of i.modified) problems.push(`${p} was modified (SHA-256 differs)`);
  for (const p of i.missing) problems.push(`${p} is listed but missing`);
  for (const p of i.extra) problems.push(`${p} is not in the manifest`);
  return problems;
}

export interface Verification {
  ok: boolean;
  problems: string[];
  files: number;
}

export function verifyManifest(root: string): Verification {
  const i = checkIntegrity(readSuiteFiles(root));
  return { ok: i.unmodified, problems: integrityProblems(i), files: i.files };
}
