// `nowan run SCENARIO.json`: run a scenario; write a trace, a CSV and an SVG timeline.
import { createWriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { formatPounds } from '../firmware/money.js';
import { csv, plotSvg } from '../sim/plot.js';
import { runScenario, scenarioProblems, type Scenario } from '../sim/scenario.js';
import { assertWritable, readJsonFile, STDOUT, summaryStream, writeOutput } from './files.js';
import { loadKeySet } from './keyset.js';
import { MeterStore } from './store/meter-store.js';

export function runCommand(): Command {
  return new Command('run')
    .argument('<scenario>', 'scenario JSON (sim/scenario.schema.json)')
    .option('--state <file>', 'keep the meter in this durable state file (a new one, or a state file whose meter the scenario\'s replaces)')
    .option('--trace <file>', 'JSON Lines: every input, boundary, event and half-hour reading with the balances after it (- for standard output)')
    .option('--csv <file>', 'the same rows as CSV (- for standard output)')
    .option('--plot <file>', 'an SVG timeline (- for standard output)')
    .action((path: string, opts: { state?: string; trace?: string; csv?: string; plot?: string }) => {
      const outputs = { trace: opts.trace, csv: opts.csv, plot: opts.plot };
      for (const [option, file] of Object.entries(outputs)) if (file !== undefined) assertWritable(file, `--${option}`);
      if (Object.values(outputs).filter((f) => f === STDOUT).length > 1) throw new Error('at most one of --trace, --csv and --plot can be -, standard output');
      const data = readJsonFile(path);
      const problems = scenarioProblems(data);
      if (problems.length) throw new Error(`${path}: invalid scenario:\n  ${problems.join('\n  ')}`);
      const scenario = data as Scenario;
      const party = scenario.keys ? loadKeySet(resolve(dirname(path), scenario.keys)).party : undefined;
      const store = opts.state ? new MeterStore(opts.state) : null;
      store?.lock();
      const trace = opts.trace === STDOUT ? process.stdout : opts.trace ? createWriteStream(opts.trace) : null;
      const result = runScenario(scenario, {
        ...(party ? { party } : {}),
        ...(store ? { makeMeter: (m) => store.create(m) } : {}),
        ...(trace ? { onRow: (r) => trace.write(JSON.stringify(r) + '\n') } : {}),
      });
      if (trace !== process.stdout) trace?.end();
      if (opts.csv) writeOutput(opts.csv, csv(result.rows));
      if (opts.plot) writeOutput(opts.plot, plotSvg(result.rows, scenario.title));
      const m = result.meter;
      const disconnections = result.rows.filter((r) => r.kind === 'event' && r.what === 'belowDisablementThreshold').length;
      summaryStream(opts.trace, opts.csv, opts.plot).write(
        [
          scenario.title,
          `  ${scenario.start} -> ${scenario.end}: ${result.inputs} inputs, ${result.rows.length} trace rows`,
          `  final balance ${formatPounds(m.meterBalance)}, EC ${m.emergencyCredit.state} ${formatPounds(m.emergencyCredit.balance)}, supply ${m.supply}`,
          `  time debt ${formatPounds(m.timeDebt[0]!.amount + m.timeDebt[1]!.amount)}, payment debt ${formatPounds(m.paymentDebt.amount)}, energy ${(m.energy.importJ / 3_600_000).toFixed(1)} kWh`,
          `  disconnections for credit: ${disconnections}`,
        ].join('\n') + '\n',
      );
    });
}
