// Meter configuration files given to the CLI: one that cannot verify tokens is refused, naming the
// file and the fields it lacks; `token inspect` checks a MAC with a key set as well as with a meter.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMeterFile, tokenCommand } from '../cli/token.js';
import { RTDS } from './helpers.js';
import { runCli } from './support/cli-run.js';

const file = (name: string, content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'nowan-meter-')), name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};
const RTDS_KEYSET = new URL('../keys/rtds-keyset.json', import.meta.url).pathname;
// The GBCS RTDS top-up for counter 3, £10 (test/vectors/token-examples.json)
const RTDS_TOPUP = '73946144332040217315';

describe('a meter configuration without token keys', () => {
  it('is refused, naming the file and the fields that would give it keys', () => {
    const path = file('supplier.json', { originatorId: RTDS.originatorId, deviceId: RTDS.deviceId });
    expect(() => loadMeterFile(path)).toThrow(`${path}: no token keys, so the meter would refuse every token: give meter.sharedSecret, or meter.deviceKeyAgreementPrivateKey with meter.supplierPrepaymentPublicKey`);
  });

  it('a key set given where a meter configuration belongs is refused with a pointer to --keys', () => {
    expect(() => loadMeterFile(RTDS_KEYSET)).toThrow(/rtds-keyset\.json: no token keys.*\(this looks like a key set: give it as --keys\)$/);
  });

  it('a configuration with a shared secret still loads', () => {
    expect(loadMeterFile(file('meter.json', { ...RTDS })).keys.deviceId).toBe(RTDS.deviceId);
  });
});

describe('token inspect --keys', () => {
  it("verifies the MAC with a key set's keys", async () => {
    const { stdout, error } = await runCli(tokenCommand, ['inspect', RTDS_TOPUP, '--keys', RTDS_KEYSET]);
    expect(error).toBeNull();
    expect(stdout).toMatch(/^MAC +OK$/m);
  });

  it('--meter with a key set is refused instead of saying "no keys"', async () => {
    const { error } = await runCli(tokenCommand, ['inspect', RTDS_TOPUP, '--meter', RTDS_KEYSET]);
    expect(error?.message).toMatch(/give it as --keys/);
  });
});
