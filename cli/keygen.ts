// `nowan keys gen`: a complete TEST key set for a supplier and a meter. With --seed the output is
// deterministic: every private key is HKDF-SHA256(ikm = seed, salt = "nowan keys gen v1", info = label)
// (RFC 5869), 32 bytes; a P-256 scalar outside [1, n-1] retries with the label suffixed " #2", " #3"...
import { createECDH, createPrivateKey, createPublicKey, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { ed25519PublicKey } from '../firmware/tokens/ed25519.js';
import { initCounterHistory } from './counter-history.js';
import { writeFileAtomic } from './files.js';
import { loadKeySet } from './keyset.js';

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const SALT = 'nowan keys gen v1';

export function derive(seed: Buffer, label: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', seed, SALT, label, length));
}

function p256Scalar(seed: Buffer, label: string): Buffer {
  for (let i = 1; ; i++) {
    const d = derive(seed, i === 1 ? label : `${label} #${i}`);
    const n = BigInt('0x' + d.toString('hex'));
    if (n > 0n && n < P256_ORDER) return d;
  }
}

/** PEM private (PKCS#8) and public (SPKI) keys of a P-256 scalar. */
export function p256Pem(d: Buffer): { privatePem: string; publicPem: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const jwk = { kty: 'EC', crv: 'P-256', d: d.toString('base64url'), x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33, 65).toString('base64url') };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return {
    privatePem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export interface GeneratedKeys {
  keyset: Record<string, string>;
  meter: Record<string, string>;
}

export function generateKeys(seed: Buffer): GeneratedKeys {
  const originatorId = derive(seed, 'originator id', 8).toString('hex').toUpperCase();
  const deviceId = derive(seed, 'device id', 8).toString('hex').toUpperCase();
  const supplier = p256Pem(p256Scalar(seed, 'supplier prepayment key agreement'));
  const device = p256Pem(p256Scalar(seed, 'device key agreement'));
  const signing = derive(seed, 'supplier signing');
  const signingPublic = Buffer.from(ed25519PublicKey(signing)).toString('hex');
  const about = 'TEST KEYS made by `nowan keys gen`; never use them for a real meter.';
  return {
    keyset: {
      about,
      originatorId,
      deviceId,
      supplierPrepaymentPrivateKey: supplier.privatePem,
      devicePublicKey: device.publicPem,
      supplierSigningPrivateKey: signing.toString('hex'),
      supplierSigningPublicKey: signingPublic,
    },
    meter: {
      about,
      fuel: 'electricity',
      originatorId,
      deviceId,
      deviceKeyAgreementPrivateKey: device.privatePem,
      supplierPrepaymentPublicKey: supplier.publicPem,
      supplierSigningPublicKey: signingPublic,
    },
  };
}

const KEYSET_FILE = 'supplier-keyset.json';
const METER_FILE = 'meter.json';
const COUNTER_FILE = 'supplier-keyset.counters.json';

export function keysCommand(): Command {
  const keys = new Command('keys');
  keys
    .command('gen')
    .description('generate a supplier key set, the meter configuration that trusts it, and an empty counter history (TEST KEYS)')
    .requiredOption('--out <dir>', 'output folder (created)')
    .option('--seed <hex>', 'derive every key from this seed (HKDF-SHA256), for reproducible demos and vectors')
    .option('--force', 'replace a key set already in the folder (its counter history is kept: counters are never reissued)')
    .action((opts: { out: string; seed?: string; force?: boolean }) => {
      if (opts.seed !== undefined && !/^(?:[0-9a-fA-F]{2})+$/.test(opts.seed)) throw new Error('--seed must be hex, a whole number of bytes (e.g. 00)');
      const keysetPath = join(opts.out, KEYSET_FILE);
      const meterPath = join(opts.out, METER_FILE);
      const present = [keysetPath, meterPath].filter((p) => existsSync(p));
      if (present.length && !opts.force) {
        throw new Error(`${present.join(' and ')} already exist${present.length === 1 ? 's' : ''}: replacing a key set loses the meter configuration that trusts it; pass --force to replace it`);
      }
      const seed = opts.seed !== undefined ? Buffer.from(opts.seed, 'hex') : randomBytes(32);
      const { keyset, meter } = generateKeys(seed);
      mkdirSync(opts.out, { recursive: true });
      // Both files hold private keys: 0600, also when they replace older files.
      writeFileAtomic(keysetPath, JSON.stringify({ ...keyset, counterFile: COUNTER_FILE }, null, 2) + '\n', 0o600);
      writeFileAtomic(meterPath, JSON.stringify(meter, null, 2) + '\n', 0o600);
      const history = initCounterHistory(loadKeySet(keysetPath));
      process.stdout.write(
        `wrote ${keysetPath} (vending side), ${meterPath} (meter configuration) and the counter history ${history}\n` +
          `originator ${keyset.originatorId}, device ${keyset.deviceId}\n`,
      );
    });
  return keys;
}
