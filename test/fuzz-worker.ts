// Runs test/fuzz-cases.ts from the index in argv[2], one line before and one after each case
// ("S i", then "D i <what it threw>"), so test/fuzz.test.ts can tell which case a crash or hang is in.
import { allCases } from './fuzz-cases.js';

const cases = allCases();
const start = Number(process.argv[2] ?? 0);
const write = (line: string) => process.stdout.write(line + '\n');
process.on('warning', () => {}); // DecompressionBombWarning and the like are expected here
for (let i = start; i < cases.length; i++) {
  write(`S ${i}`);
  let outcome: string;
  try {
    cases[i][1]();
    outcome = 'returned';
  } catch (e) {
    outcome = e instanceof Error ? e.name || 'Error' : `non-Error ${typeof e}`;
  }
  write(`D ${i} ${outcome}`);
}
write(`END ${cases.length}`);
