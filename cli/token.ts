// `nowan token issue` and `nowan token inspect`.
import { Command, InvalidArgumentError, Option } from 'commander';
import { commission } from '../firmware/configure.js';
import type { MeterState } from '../firmware/state.js';
import { COMMANDS, COMMAND_BY_NAME, type CommandName } from '../firmware/tokens/command-table.js';
import { bytesToHex } from '../firmware/tokens/crypto.js';
import { groupDigits } from '../firmware/tokens/digits.js';
import { issueUtrn } from '../firmware/tokens/gbcs.js';
import { inspectToken } from '../firmware/tokens/inspect.js';
import { issueCommandToken } from '../firmware/tokens/nowan.js';
import { claimCounter, loadKeySet } from './keyset.js';
import { readJsonFile } from './files.js';

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('too large');
  return n;
}

const FIELD_NAMES = [...new Set(COMMANDS.flatMap((c) => c.fields.map(([f]) => f)))];

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
  return made.value;
}

export function tokenCommand(): Command {
  const token = new Command('token').description('issue (vending side) and inspect digit tokens');

  const issue = token
    .command('issue')
    .description('issue a 20-digit GBCS top-up (TopUp) or a 40/60-digit nowan command token')
    .argument('<command>', `TopUp or one of ${COMMANDS.map((c) => c.name).join(', ')}`)
    .requiredOption('--keys <file>', 'key-set JSON file (keys/README.md)')
    .requiredOption('--counter <n>', 'utrnCounter, 1..2^32-1, never reused', integer)
    .option('--pence <n>', 'TopUp: amount in pence (0..8191)', integer)
    .option('--pounds <n>', 'TopUp: amount in pounds (0..8191)', integer)
    .option('--json', 'print the fields, K, AAD and tag as JSON')
    .option('--no-record', 'do not record the counter in the key set counter file');
  for (const f of FIELD_NAMES) issue.addOption(new Option(`--${f} <n>`, 'command field (tokens.md table 6)').argParser(integer));
  issue.action((name: string, opts: Record<string, unknown>) => {
    const cmd = resolveName(name);
    const keys = loadKeySet(opts.keys as string);
    const counter = opts.counter as number;
    if (counter < 1 || counter > 0xffff_ffff) throw new Error('--counter must be 1..4294967295');
    let out: Record<string, unknown>;
    if (cmd === 'TopUp') {
      if ((opts.pence === undefined) === (opts.pounds === undefined)) throw new Error('TopUp needs exactly one of --pence or --pounds');
      const valueClass = opts.pence !== undefined ? 'pennies' : 'pounds';
      const value = (opts.pence ?? opts.pounds) as number;
      const u = issueUtrn(keys.party, counter, valueClass, value);
      out = { command: 'TopUp', utrnCounter: counter, fields: { valueClass, value }, token: u.token, keyHex: bytesToHex(u.key), aadHex: bytesToHex(u.aad), tagHex: bytesToHex(u.tag), ptutHex: u.ptut.toString(16).padStart(16, '0') };
    } else {
      const spec = COMMAND_BY_NAME.get(cmd)!;
      const fields: Record<string, number> = {};
      for (const [f] of spec.fields) {
        if (opts[f] === undefined) throw new Error(`${cmd} needs --${f}`);
        fields[f] = opts[f] as number;
      }
      const extra = FIELD_NAMES.filter((f) => opts[f] !== undefined && !(f in fields));
      if (extra.length) throw new Error(`${cmd} takes no ${extra.map((f) => `--${f}`).join(', ')}`);
      const t = issueCommandToken(keys.party, counter, cmd, fields);
      out = { command: cmd, utrnCounter: counter, fields, token: t.token, bodyHex: bytesToHex(t.body), keyHex: bytesToHex(t.key), aadHex: bytesToHex(t.aad), tagHex: bytesToHex(t.tag) };
    }
    if (opts.record !== false) claimCounter(keys, counter);
    out.grouped = groupDigits(out.token as string);
    process.stdout.write(opts.json ? JSON.stringify(out, null, 2) + '\n' : `${out.grouped}\n`);
  });

  token
    .command('inspect')
    .description('explain a token: check digits per block, family, fields, counter, and with --meter whether the MAC verifies')
    .argument('<digits...>', 'the token (groups separated by spaces are fine)')
    .option('--meter <file>', 'meter configuration JSON (conformance.md section 3) with its keys and counter cache')
    .option('--json', 'print as JSON')
    .action((parts: string[], opts: { meter?: string; json?: boolean }) => {
      const meter = opts.meter ? loadMeterFile(opts.meter) : undefined;
      const r = inspectToken(parts.join(' '), meter);
      if (typeof r === 'string') throw new Error(r);
      if (opts.json) {
        process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      const lines = [`token     ${groupDigits(r.digits)} (${r.digits.length} digits)`, `family    ${r.family}`];
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
