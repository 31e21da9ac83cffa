// `nowan run SCENARIO.json`: run a scenario; write a trace, a CSV and an SVG timeline.
import { createWriteStream, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { formatPounds } from '../firmware/money.js';
import { csv, plotSvg } from '../sim/plot.js';
import { runScenario, scenarioProblems, type Scenario } from '../sim/scenario.js';
import { readJsonFile } from './files.js';
import { loadKeySet } from './keyset.js';
import { MeterStore } from './store/meter-store.js';

export function runCommand(): Command {
  return new Command('run')
    .argument('<scenario>', 'scenario JSON (sim/scenario.schema.json)')
    .option('--state <file>', 'keep the meter in this durable state file (replaced by the scenario\'s meter)')
    .option('--trace <file>', 'JSON Lines: every input, boundary and event with the balances after it')
    .option('--csv <file>', 'the same rows as CSV')
    .option('--plot <file>', 'an SVG timeline')
    .action((path: string, opts: { state?: string; trace?: string; csv?: string; plot?: string }) => {
      const data = readJsonFile(path);
      const problems = scenarioProblems(data);
      if (problems.length) throw new Error(`${path}: invalid scenario:\n  ${problems.join('\n  ')}`);
      const scenario = data as Scenario;
      const party = scenario.keys ? loadKeySet(resolve(dirname(path), scenario.keys)).party : undefined;
      const store = opts.state ? new MeterStore(opts.state) : null;
      const trace = opts.trace ? createWriteStream(opts.trace) : null;
      const result = runScenario(scenario, {
        ...(party ? { party } : {}),
        ...(store ? { makeMeter: (m) => store.create(m) } : {}),
        ...(trace ? { onRow: (r) => trace.write(JSON.stringify(r) + '\n') } : {}),
      });
      trace?.end();
      if (opts.csv) writeFileSync(opts.csv, csv(result.rows));
      if (opts.plot) writeFileSync(opts.plot, plotSvg(result.rows, scenario.title));
      const m = result.meter;
      const disconnections = result.rows.filter((r) => r.kind === 'event' && r.what === 'belowDisablementThreshold').length;
      process.stdout.write(
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
