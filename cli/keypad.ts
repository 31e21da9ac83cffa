// `nowan keypad`: the live meter in the terminal (keypad-sim), optionally kept in a state file.
// ink and React load only when the emulator starts, so every other command (and --help) starts fast.
import { Command, Option } from 'commander';
import { startMeter } from '../protocol/device.js';
import type { MeterState } from '../firmware/state.js';
import { Session } from '../keypad-sim/session.js';
import { demoMeter } from '../keypad-sim/demo.js';
import { demoKeys, demoTokens } from './demo.js';
import { loadKeySet, meterConfigFor } from './keyset.js';
import { DurableMeter, MeterStore } from './store/meter-store.js';
import { loadMeterFile } from './token.js';

const KEY_HELP = `
Keys (meter keypad focus):
  0-9            type a token (pasting a token with spaces or dashes works)
  Enter or #     submit            Backspace or <   delete a digit
  Esc or *       clear             a / b            meter buttons A (emergency credit) / B (enable supply)
  Tab            switch to the PPMID pane (paste a token or an envelope; Enter sends;
                 Ctrl+E emergency credit, Ctrl+B enable supply: refused for gas)
  s              clock speed x1 / x60 / x3600      p   pause or run the clock
  n              jump to the next scheduled event  l   cycle household load profiles
  + / -          manual load +/- 100 W             o   power cut / restore
  q or Ctrl+C    quit (the state file, if any, is saved)
`;

export function keypadCommand(): Command {
  return new Command('keypad')
    .option('--meter <file>', 'keep the meter state in this file (created if missing, saved after every accepted token and on exit)')
    .option('--new', 'start from factory defaults (with --meter: replace the meter in the file)')
    .option('--recover', 'with --meter: if the file is damaged, keep the last state that can be proved and move the file aside')
    .option('--demo', 'the built-in demo meter (the default)')
    .option('--keys <file>', 'key set of the meter (default: keys/demo-keyset.json, TEST KEYS)')
    .option('--config <file>', 'a meter configuration JSON (conformance.md section 3) for a new meter, e.g. from `nowan keys gen`')
    .addOption(new Option('--fuel <fuel>', 'fuel of a new meter').choices(['electricity', 'gas']).default('electricity'))
    .addHelpText('after', KEY_HELP)
    .action(async (opts: { meter?: string; new?: boolean; recover?: boolean; keys?: string; config?: string; fuel: 'electricity' | 'gas' }) => {
      // Files first, so a bad --keys or --config is reported even where no terminal is attached.
      const keys = opts.keys ? loadKeySet(opts.keys) : demoKeys();
      const now = Math.floor(Date.now() / 60_000) * 60; // the shell, not the firmware, picks a start time
      const configured = opts.config ? loadMeterFile(opts.config, now) : null;
      const fresh = () => configured ?? demoMeter(meterConfigFor(keys), now, opts.fuel);
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new Error('keypad needs an interactive terminal (stdin is not a TTY); for scripts use `nowan adapter` (JSON Lines, conformance.md) or `nowan token inspect`');
      }
      // With --meter every input is journaled and every accepted token is durable before it shows.
      const store = opts.meter ? new MeterStore(opts.meter) : null;
      store?.lock();
      const meter = store ? (opts.new ? store.create(fresh()) : store.open(fresh, { recover: opts.recover === true })) : startMeter(fresh());
      for (const notice of store?.notices ?? []) process.stderr.write(`nowan keypad: ${notice}\n`);
      const save = () => {
        if (meter instanceof DurableMeter) meter.checkpoint();
      };
      const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('../keypad-sim/App.js')]);
      const session = new Session(meter);
      const app = render(createElement(App, { session, demoTokens: (m: MeterState) => demoTokens(keys, m), onExit: save }), { exitOnCtrlC: false });
      process.on('SIGINT', () => {
        save();
        app.unmount();
      });
      await app.waitUntilExit();
      save();
    });
}
