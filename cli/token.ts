// `nowan token issue` and `nowan token inspect`.
import { Command, InvalidArgumentError, Option } from 'commander';
import { commission } from '../firmware/configure.js';
import type { MeterState } from '../firmware/state.js';
import { COMMANDS, type CommandName } from '../firmware/tokens/command-table.js';
import { bytesToHex } from '../firmware/tokens/crypto.js';
import { groupDigits } from '../firmware/tokens/digits.js';
import { inspectToken } from '../diagnostics/inspect.js';
import { partyOf } from '../firmware/tokens/party.js';
import { prepareToken } from '../vending/issue.js';
import { utrnValue } from '../vending/utrn.js';
import { MAX_COUNTER, withNewCounter, type CounterRequest } from './counter-history.js';
import { loadKeySet, meterConfigFor, type KeySet } from './keyset.js';
import { FIELD_HELP, kebab } from './field-help.js';
import { readJsonFile } from './files.js';

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('too large');
  return n;
}

const FIELD_NAMES = [...new Set(COMMANDS.flatMap((c) => c.fields.map(([f]) => f)))];

function counterArgument(value: string): CounterRequest {
  if (value === 'next') return 'next';
  const n = integer(value);
  if (n < 1 || n > MAX_COUNTER) throw new InvalidArgumentError(`expected 1..${MAX_COUNTER} or next`);
  return n;
}

interface IssuedFields {
  command: string;
  utrnCounter: number;
  fields: Record<string, unknown>;
  token: string;
  [public_: string]: unknown;
}

/**
 * Check the command and its fields first (nothing is allocated for a request that cannot be issued),
 * then return the function that makes the token once a counter is allocated. What it returns is
 * public: the per-token key K is never part of it (with K anyone can forge under that counter).
 */
function tokenMaker(cmd: CommandName | 'TopUp', keys: KeySet, opts: Record<string, unknown>): (counter: number) => IssuedFields {
  const fields = Object.fromEntries(['pence', 'pounds', ...FIELD_NAMES].filter((f) => opts[f] !== undefined).map((f) => [f, opts[f]]));
  let issue: ReturnType<typeof prepareToken>;
  try {
    issue = prepareToken(cmd, fields);
  } catch (e) {
    // The library names fields ("pounds"); here they are flags (--pounds).
    throw new Error((e as Error).message.replace(/"(\w+)"/g, (_, f: string) => `--${kebab(f)}`));
  }
  return (counter) => {
    const t = issue(keys.party, counter);
    return { command: cmd, utrnCounter: counter, fields: cmd === 'TopUp' ? utrnValue(fields) : fields, token: t.token, ...(t.body ? { bodyHex: bytesToHex(t.body) } : {}), aadHex: bytesToHex(t.aad), tagHex: bytesToHex(t.tag) };
  };
}

function resolveName(name: string): CommandName | 'TopUp' {
  if (name.toLowerCase() === 'topup') return 'TopUp';
  const found = COMMANDS.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`unknown command "${name}"; one of TopUp, ${COMMANDS.map((c) => c.name).join(', ')}`);
  return found.name;
}

/** Load a meter configuration file (conformance.md section 3), or a vector whose `meter` it takes. */
export function loadMeterFile(path: string, time = Math.floor(Date.now() / 1000)): MeterState {
  const raw = readJsonFile(path) as Record<string, unknown>;
  const config = raw && typeof raw === 'object' && 'meter' in raw && typeof raw.meter === 'object' ? raw.meter : raw;
  const made = commission(config, time);
  if (!made.ok) throw new Error(`${path}: ${made.message}`);
  // A meter without token keys refuses every token as Invalid: refuse the file instead, saying why.
  if (partyOf(made.value.keys) === null) {
    const c = config as Record<string, unknown>;
    const keySet = 'supplierPrepaymentPrivateKey' in c || 'devicePublicKey' in c ? ' (this looks like a key set: give it as --keys)' : '';
    throw new Error(
      `${path}: no token keys, so the meter would refuse every token: give meter.sharedSecret, or meter.deviceKeyAgreementPrivateKey with meter.supplierPrepaymentPublicKey${keySet}`,
    );
  }
  return made.value;
}

/** A meter that holds a key set's keys (and no counter history): for checking tokens made with it. */
export function meterForKeySet(keys: KeySet, time = Math.floor(Date.now() / 1000)): MeterState {
  const made = commission(meterConfigFor(keys), time);
  if (!made.ok) throw new Error(`${keys.path}: ${made.message}`);
  return made.value;
}

export function tokenCommand(): Command {
  const token = new Command('token');

  const issue = token
    .command('issue')
    .description('issue a 20-digit GBCS top-up (TopUp) or a 40/60-digit nowan command token')
    .argument('<command>', `TopUp or one of ${COMMANDS.map((c) => c.name).join(', ')}`)
    .requiredOption('--keys <file>', 'key-set JSON file (keys/README.md)')
    .requiredOption('--counter <n>', 'utrnCounter 1..4294967295 never issued before, or "next" for one above the highest ever issued', counterArgument)
    .option('--init-counters', "start this key set's counter history if it has none (only for a key set that has never issued)")
    .option('--pence <n>', 'TopUp: amount in pence (0..8191)', integer)
    .option('--pounds <n>', 'TopUp: amount in pounds (0..8191)', integer);
  for (const f of FIELD_NAMES) {
    issue.addOption(new Option(`--${kebab(f)} <n>`, FIELD_HELP[f] ?? 'command field (tokens.md table 6)').argParser(integer));
    // The table's own camelCase name still works, unlisted.
    if (kebab(f) !== f) issue.addOption(new Option(`--${f} <n>`).argParser(integer).hideHelp());
  }
  issue.option('--json', 'print the command, fields, counter, token, AAD and tag as JSON (never the key)');
  issue.action((name: string, opts: Record<string, unknown>) => {
    const cmd = resolveName(name);
    const keys = loadKeySet(opts.keys as string);
    const make = tokenMaker(cmd, keys, opts);
    const { counter, made } = withNewCounter(keys, opts.counter as CounterRequest, make, { init: opts.initCounters === true });
    const out = { ...made, grouped: groupDigits(made.token) };
    process.stdout.write(opts.json ? JSON.stringify(out, null, 2) + '\n' : `${out.grouped}\n${opts.counter === 'next' ? `counter ${counter}\n` : ''}`);
  });

  token
    .command('inspect')
    .description('explain a token: check digits per block, family, fields, counter, and with --meter or --keys whether the MAC verifies; exits 1 if the meter would refuse it')
    .argument('<digits...>', 'the token (groups separated by spaces are fine)')
    .option('--meter <file>', 'meter configuration JSON (conformance.md section 3) with its keys and counter cache')
    .option('--keys <file>', "key-set JSON file (keys/README.md): check the MAC with the supplier's keys")
    .option('--json', 'print as JSON')
    .action((parts: string[], opts: { meter?: string; keys?: string; json?: boolean }) => {
      if (opts.meter && opts.keys) throw new Error('give --meter or --keys, not both');
      const meter = opts.meter ? loadMeterFile(opts.meter) : opts.keys ? meterForKeySet(loadKeySet(opts.keys)) : undefined;
      const r = inspectToken(parts.join(' '), meter);
      if (typeof r === 'string') throw new Error(r);
      // Exit 1 when the meter would refuse what was inspected (README "Exit codes"), so scripts can test it.
      const wrongLength = r.family === 'unknown';
      const refused = wrongLength || r.blocks.some((b) => !b.ok) || r.formatError !== undefined || r.mac === 'WRONG' || (r.counterVerdict ?? 'fresh') !== 'fresh';
      if (refused) process.exitCode = 1;
      if (opts.json) {
        process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      const lines = [`token     ${groupDigits(r.digits)} (${r.digits.length} digits${wrongLength ? '; a token has 20, 40 or 60' : ''})`, `family    ${r.family}`];
      for (const b of r.blocks) lines.push(`block ${b.block}   check digit ${b.checkDigit} ${b.ok ? 'OK' : `WRONG (expected ${b.expected})`}`);
      if (r.formatError) lines.push(`format    FormatError: ${r.formatError}`);
      if (r.command) lines.push(`command   ${r.command}`);
      for (const [k, v] of Object.entries(r.fields ?? {})) lines.push(`  ${k.padEnd(22)} ${v}`);
      if (r.utrnCounter !== undefined) lines.push(`counter   ${r.utrnCounter} (truncated ${r.truncatedCounter}, ${r.counterBits} bits)${r.counterVerdict ? ` ${r.counterVerdict}` : ''}`);
      if (r.mac) lines.push(`MAC       ${r.mac}`);
      process.stdout.write(lines.join('\n') + '\n');
    });
  return token;
}
