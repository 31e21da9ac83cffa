// Regenerate vectors/manifest.json and sign it with the project's vector-signing key.
// The private key is for maintainers only and never committed: NOWAN_VECTOR_SIGNING_KEY (64 hex) or
// the file .nowan/vector-signing.key. Without it the manifest is still rewritten and the old signature
// is left alone, so `nowan vectors verify` fails until a maintainer signs.
// `--new-key` makes a new key pair (rotation): the private half goes to .nowan/, the public half to
// vectors/signing-key.pub, which must then be committed.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManifest, MANIFEST, PUBLIC_KEY, SIGNATURE } from '../conformance/manifest.js';
import { ed25519PublicKey, signEd25519 } from '../firmware/tokens/ed25519.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(repo, 'vectors');
const keyFile = join(repo, '.nowan', 'vector-signing.key');

if (process.argv.includes('--new-key')) {
  mkdirSync(dirname(keyFile), { recursive: true });
  const sk = randomBytes(32);
  writeFileSync(keyFile, sk.toString('hex') + '\n', { mode: 0o600 });
  writeFileSync(join(root, PUBLIC_KEY), Buffer.from(ed25519PublicKey(sk)).toString('hex') + '\n');
  console.log(`new signing key: private ${keyFile} (keep it safe, never commit it), public vectors/${PUBLIC_KEY}`);
  console.log('the runner trusts only PUBLISHED_SIGNING_KEY in conformance/manifest.ts: set it to the new public key');
}

const manifest = buildManifest(root);
writeFileSync(join(root, MANIFEST), manifest);
const hex = process.env.NOWAN_VECTOR_SIGNING_KEY ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '');
if (!/^[0-9a-f]{64}$/i.test(hex)) {
  console.log(`wrote vectors/${MANIFEST} (${JSON.parse(manifest).files.length} files) UNSIGNED: no signing key (set NOWAN_VECTOR_SIGNING_KEY or ${keyFile}); a maintainer must sign it`);
  process.exit(0);
}
const sk = Buffer.from(hex, 'hex');
const publicKey = readFileSync(join(root, PUBLIC_KEY), 'utf8').trim();
if (Buffer.from(ed25519PublicKey(sk)).toString('hex') !== publicKey) {
  console.error(`the signing key does not match vectors/${PUBLIC_KEY}; rotate with --new-key or use the right key`);
  process.exit(1);
}
writeFileSync(join(root, SIGNATURE), Buffer.from(signEd25519(new TextEncoder().encode(manifest), sk)).toString('hex') + '\n');
console.log(`wrote and signed vectors/${MANIFEST} (${JSON.parse(manifest).files.length} files)`);
