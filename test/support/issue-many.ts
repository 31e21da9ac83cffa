// A vending process for the concurrency test: issue N top-ups with `--counter next` semantics against
// one key set and print the counters it was given, one a line.
import { withNewCounter } from '../../cli/counter-history.js';
import { loadKeySet } from '../../cli/keyset.js';
import { issueUtrn } from '../../vending/utrn.js';

const [path, count] = process.argv.slice(2);
const keys = loadKeySet(path!);
const got: number[] = [];
for (let i = 0; i < Number(count); i++) {
  got.push(withNewCounter(keys, 'next', (counter) => issueUtrn(keys.party, counter, 'pennies', 1).token).counter);
}
process.stdout.write(got.join('\n') + '\n');
