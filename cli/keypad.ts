// `nowan keypad`: the meter's display and keypad in the terminal.
import { Command } from 'commander';
import { commission } from '../firmware/configure.js';
import { displayLines } from '../firmware/display.js';

export function keypadCommand(): Command {
  return new Command('keypad')
    .description('the keypad and PPMID emulator')
    .option('--demo', 'run on the built-in demo meter')
    .action(() => {
      const made = commission({}, Math.floor(Date.now() / 1000));
      if (!made.ok) throw new Error(made.message);
      process.stdout.write(displayLines(made.value).join('\n') + '\n');
    });
}
