// `nowan envelope issue` and `nowan envelope inspect` (tokens.md section 8).
import { Command, InvalidArgumentError } from 'commander';
import QRCode from 'qrcode';
import { hexToBytes } from '../firmware/tokens/crypto.js';
import { verifyEd25519 } from '../firmware/tokens/ed25519.js';
import { MAX_BYTES, MAX_COMMANDS, parseCommand } from '../firmware/tokens/envelope.js';
import { issueEnvelope, type EnvelopeCommand } from '../vending/envelope.js';
import { MAX_COUNTER, withNewCounter, type CounterRequest } from './counter-history.js';
import { loadKeySet } from './keyset.js';
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
  const envelope = new Command('envelope');
  envelope
    .command('issue')
    .description('sign a batch of commands under one counter (checked with the meter\'s own rules first)')
    .requiredOption('--keys <file>', 'key-set JSON with supplierSigningPrivateKey')
    .requiredOption('--counter <n>', 'utrnCounter 1..4294967295 never issued before (shared with digit tokens), or "next"', (v): CounterRequest => {
      if (v === 'next') return 'next';
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_COUNTER) throw new InvalidArgumentError(`1..${MAX_COUNTER} or next`);
      return Number(v);
    })
    .requiredOption('--command <json>', 'a command, repeatable: {"name":"TopUp","amountPence":500}, {"name":"ChangePrice","element":0,...}', command)
    .option('--init-counters', "start this key set's counter history if it has none (only for a key set that has never issued)")
    .option('--qr', 'also print the envelope as a QR code in the terminal, for a PPMID or phone to read')
    .action(async (opts: { keys: string; counter: CounterRequest; command: EnvelopeCommand[]; initCounters?: boolean; qr?: boolean }) => {
      const keys = loadKeySet(opts.keys);
      if (!keys.signingPrivateKey) throw new Error(`${opts.keys}: no supplierSigningPrivateKey`);
      const signingKey = keys.signingPrivateKey;
      // The meter's own step 4, so that no envelope is signed (and no counter spent) that it would refuse.
      if (opts.command.length > MAX_COMMANDS) throw new Error(`an envelope carries 1 to ${MAX_COMMANDS} commands, not ${opts.command.length}`);
      for (const [i, c] of opts.command.entries()) {
        const parsed = parseCommand(c);
        if (typeof parsed === 'string') throw new Error(`--command ${i + 1}: ${parsed}`);
      }
      const { made } = withNewCounter(
        keys,
        opts.counter,
        (counter) => {
          const jws = issueEnvelope({ originatorId: keys.originatorId, deviceId: keys.deviceId, signingKey }, counter, opts.command);
          if (Buffer.byteLength(jws) > MAX_BYTES) throw new Error(`the envelope would be ${Buffer.byteLength(jws)} bytes; the meter takes at most ${MAX_BYTES}`);
          return jws;
        },
        { init: opts.initCounters === true },
      );
      process.stdout.write(made + '\n');
      if (opts.qr) process.stdout.write(await QRCode.toString(made, { type: 'terminal', small: true, errorCorrectionLevel: 'L' }));
    });
  envelope
    .command('inspect')
    .description('decode an envelope; with --meter, check its signature and binding; exits 1 if it is not an envelope or the meter would refuse it')
    .argument('<jws>', 'the compact JWS')
    .option('--meter <file>', 'meter configuration JSON with supplierSigningPublicKey')
    .action((jws: string, opts: { meter?: string }) => {
      // What the meter checks first (tokens.md section 8 step 1): say which part makes it no envelope,
      // and exit 1 as for any fault found in what was inspected (README "Exit codes").
      const notEnvelope = (why: string, header?: unknown) => {
        process.stdout.write(`${header === undefined ? '' : `header    ${JSON.stringify(header)}\n`}not a nowan envelope: ${why}\n`);
        process.exitCode = 1;
      };
      const parts = jws.trim().split('.');
      if (parts.length !== 3) return notEnvelope('an envelope has three base64url parts separated by dots');
      const decode = (p: string): unknown => {
        try {
          return JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
        } catch {
          return undefined;
        }
      };
      const header = decode(parts[0]!);
      if (header === undefined) return notEnvelope('the header is not base64url JSON');
      const h = header as Record<string, unknown>;
      if (h === null || typeof h !== 'object' || h.alg !== 'EdDSA' || h.typ !== 'nowan-cmd+jws') {
        const alg = h && typeof h === 'object' && h.alg === 'none' ? ' (alg "none" is an unsigned JWS: a meter never accepts one)' : '';
        return notEnvelope(`an envelope's header is {"alg":"EdDSA","typ":"nowan-cmd+jws","kid":"<originatorId>"}${alg}`, header);
      }
      const payload = decode(parts[1]!) as Record<string, unknown> | null | undefined;
      if (payload === undefined) return notEnvelope('the payload is not base64url JSON', header);
      if (payload === null || typeof payload !== 'object' || payload.v !== 1) return notEnvelope('its payload has no "v": 1', header);
      const lines = [`header    ${JSON.stringify(header)}`, `payload   v ${payload.v}, originator ${payload.originatorId}, device ${payload.deviceId}, counter ${payload.utrnCounter}`];
      for (const [i, c] of (Array.isArray(payload.commands) ? payload.commands : []).entries()) lines.push(`  [${i}] ${JSON.stringify(c)}`);
      if (opts.meter) {
        const meter = loadMeterFile(opts.meter);
        const key = meter.keys.supplierSigningPublicKey;
        const ok = key !== null && verifyEd25519(new Uint8Array(Buffer.from(parts[2]!, 'base64url')), new TextEncoder().encode(`${parts[0]}.${parts[1]}`), hexToBytes(key));
        lines.push(`signature ${key === null ? 'no key configured' : ok ? 'OK' : 'WRONG'}`);
        const bound = String(payload.originatorId).toUpperCase() === meter.keys.originatorId && String(payload.deviceId).toUpperCase() === meter.keys.deviceId;
        lines.push(`meter     ${bound ? 'this meter' : 'another meter'}`);
        if (!ok || !bound) process.exitCode = 1;
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
  return envelope;
}
