#!/usr/bin/env node
// nowan: the command-line entry. Each command lives in its own small file, loaded only when that
// command runs, so `nowan --help` (and every other command) loads none of the others: the keypad's
// ink and React, the conformance schema validator and the firmware stay unloaded until needed.
import { Command, CommanderError } from 'commander';

/** name -> [summary for the top-level help, the command's module] */
const COMMANDS: Record<string, readonly [string, () => Promise<Command>]> = {
  keypad: ['the keypad and PPMID emulator: a live meter in the terminal', async () => (await import('./keypad.js')).keypadCommand()],
  token: ['issue (vending side) and inspect digit tokens', async () => (await import('./token.js')).tokenCommand()],
  adapter: ['serve the meter model as a JSON Lines device under test on stdin/stdout (conformance.md section 1)', async () => (await import('./adapter.js')).adapterCommand()],
  conformance: ['run the conformance vectors against the model (default) or a device under test', async () => (await import('./conformance.js')).conformanceCommand()],
  vectors: ['the published conformance vectors', async () => (await import('./vectors.js')).vectorsCommand()],
  envelope: ['PPMID envelopes: signed batches of commands (JWS, EdDSA)', async () => (await import('./envelope.js')).envelopeCommand()],
  keys: ['key sets for demos and tests', async () => (await import('./keygen.js')).keysCommand()],
  run: ['run a scenario (a meter and a timeline of load, tokens, buttons and power cuts)', async () => (await import('./run.js')).runCommand()],
  fleet: ['simulate N independent meters with varied households over worker threads', async () => (await import('./fleet.js')).fleetCommand()],
  study: ['fleet studies: what MP094 keypad commands are worth (no-WAN, merge)', async () => (await import('./study.js')).studyCommand()],
  web: ['the meter in a web page: serve dist-web/ (npm run build:web) and print its URL', async () => (await import('./web.js')).webCommand()],
};

const program = new Command('nowan')
  .description('GB smart prepayment meter firmware simulator with keypad tokens (MP094)')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  // Subcommands may reuse an option name of their parent (`conformance merge --json`).
  .enablePositionalOptions();

// The command named on the line (or after `help`) is loaded in full; the rest are listed by name.
const args = process.argv.slice(2);
const named = args[0] === 'help' ? args[1] : args[0];
for (const [name, [summary, load]] of Object.entries(COMMANDS)) {
  program.addCommand(name === named ? (await load()).description(summary) : new Command(name).description(summary));
}

/**
 * The same conventions on every command, however deep: a usage error names the help to read, and
 * reaches the exit code below instead of commander's own exit.
 */
function conventions(cmd: Command, path: string): void {
  cmd.exitOverride().showHelpAfterError(`(run \`${path} --help\` for usage)`);
  for (const sub of cmd.commands) conventions(sub, `${path} ${sub.name()}`);
}
conventions(program, 'nowan');

// Exit codes (README "Exit codes"): 0 done; 1 the command ran and found a fault (a wrong check digit
// or MAC, a failed vector); 2 it could not do what was asked (a usage error, a bad or missing file,
// a refused request); conformance adds 3 (device under test unavailable) and 4 (modified suite).
try {
  await program.parseAsync(process.argv);
} catch (e) {
  // --help and --version exit 0; every other commander exit (a usage error, help shown because a
  // command was missing) is a usage error.
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  process.stderr.write(`nowan: ${(e as Error).message}\n`);
  process.exit(2);
}
