// `nowan envelope issue` and `nowan envelope inspect` (tokens.md section 8).
import { Command, InvalidArgumentError } from 'commander';
import { hexToBytes } from '../firmware/tokens/crypto.js';
import { verifyEd25519 } from '../firmware/tokens/ed25519.js';
import { issueEnvelope, type EnvelopeCommand } from '../firmware/tokens/envelope-issue.js';
import { claimCounter, loadKeySet } from './keyset.js';
import { loadMeterFile } from './token.js';

function command(value: string, previous: EnvelopeCommand[] = []): EnvelopeCommand[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected a JSON object, e.g. \'{"name":"TopUp","amountPence":500}\'');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as EnvelopeCommand).name !== 'string') {
    throw new InvalidArgumentError('expected a JSON object with a "name"');
  }
  return [...previous, parsed as EnvelopeCommand];
}

export function envelopeCommand(): Command {
  const envelope = new Command('envelope').description('PPMID envelopes: signed batches of commands (JWS, EdDSA)');
  envelope
    .command('issue')
    .description('sign a batch of commands under one counter')
    .requiredOption('--keys <file>', 'key-set JSON with supplierSigningPrivateKey')
    .requiredOption('--counter <n>', 'utrnCounter, shared with digit tokens, never reused', (v) => {
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 0xffff_ffff) throw new InvalidArgumentError('1..4294967295');
      return Number(v);
    })
    .requiredOption('--command <json>', 'a command, repeatable: {"name":"TopUp","amountPence":500}, {"name":"ChangePrice","element":0,...}', command)
    .option('--no-record', 'do not record the counter in the key set counter file')
    .action((opts: { keys: string; counter: number; command: EnvelopeCommand[]; record: boolean }) => {
      const keys = loadKeySet(opts.keys);
      if (!keys.signingPrivateKey) throw new Error(`${opts.keys}: no supplierSigningPrivateKey`);
      const jws = issueEnvelope({ originatorId: keys.originatorId, deviceId: keys.deviceId, signingKey: keys.signingPrivateKey }, opts.counter, opts.command);
      if (opts.record) claimCounter(keys, opts.counter);
      process.stdout.write(jws + '\n');
    });
  envelope
    .command('inspect')
    .description('decode an envelope; with --meter, check its signature and binding')
    .argument('<jws>', 'the compact JWS')
    .option('--meter <file>', 'meter configuration JSON with supplierSigningPublicKey')
    .action((jws: string, opts: { meter?: string }) => {
      const parts = jws.trim().split('.');
      if (parts.length !== 3) throw new Error('an envelope has three base64url parts separated by dots');
      const decode = (p: string, what: string) => {
        try {
          return JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
        } catch {
          throw new Error(`the ${what} is not base64url JSON`);
        }
      };
      const header = decode(parts[0]!, 'header');
      const payload = decode(parts[1]!, 'payload');
      const lines = [`header    ${JSON.stringify(header)}`, `payload   v ${payload.v}, originator ${payload.originatorId}, device ${payload.deviceId}, counter ${payload.utrnCounter}`];
      for (const [i, c] of (Array.isArray(payload.commands) ? payload.commands : []).entries()) lines.push(`  [${i}] ${JSON.stringify(c)}`);
      if (opts.meter) {
        const meter = loadMeterFile(opts.meter);
        const key = meter.keys.supplierSigningPublicKey;
        const ok = key !== null && verifyEd25519(new Uint8Array(Buffer.from(parts[2]!, 'base64url')), new TextEncoder().encode(`${parts[0]}.${parts[1]}`), hexToBytes(key));
        lines.push(`signature ${key === null ? 'no key configured' : ok ? 'OK' : 'WRONG'}`);
        const bound = String(payload.originatorId).toUpperCase() === meter.keys.originatorId && String(payload.deviceId).toUpperCase() === meter.keys.deviceId;
        lines.push(`meter     ${bound ? 'this meter' : 'another meter'}`);
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
  return envelope;
}
