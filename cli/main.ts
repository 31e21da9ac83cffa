#!/usr/bin/env node
// nowan: the command-line entry. Each command lives in its own small file.
import { Command, CommanderError } from 'commander';
import { adapterCommand } from './adapter.js';
import { tokenCommand } from './token.js';
import { keypadCommand } from './keypad.js';
import { conformanceCommand } from './conformance.js';
import { vectorsCommand } from './vectors.js';
import { envelopeCommand } from './envelope.js';
import { keysCommand } from './keygen.js';
import { runCommand } from './run.js';
import { fleetCommand } from './fleet.js';

const program = new Command('nowan')
  .description('GB smart prepayment meter firmware simulator with keypad tokens (MP094)')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

program.addCommand(keypadCommand());
program.addCommand(tokenCommand());
program.addCommand(adapterCommand());
program.addCommand(conformanceCommand());
program.addCommand(vectorsCommand());
program.addCommand(envelopeCommand());
program.addCommand(keysCommand());
program.addCommand(runCommand());
program.addCommand(fleetCommand());

program.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  process.stderr.write(`nowan: ${(e as Error).message}\n`);
  process.exit(2);
}
