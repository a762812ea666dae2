/**
 * `npm run bench:replay`: records a simulated two-hour class of 300,000 changes in a historied
 * room, then prints bytes stored per change, the player's time to its first frame and to seek to
 * random moments, and export time per page. `--changes N` records a shorter class (same pace).
 * It prints figures and asserts none of them; see docs/performance.md.
 */
import { parseArgs } from 'node:util';
import { describeMachine } from '../machine.js';
import { writeLine } from '../report.js';
import { TWO_HOUR_CLASS } from './class-simulation.js';
import { benchmarkReplay } from './replay.js';

const { values } = parseArgs({ options: { changes: { type: 'string' } } });
const changes = values.changes === undefined ? TWO_HOUR_CLASS.changes : Number(values.changes);
if (!Number.isInteger(changes) || changes < 1000) {
  process.stderr.write('usage: npm run bench:replay -- [--changes <n, at least 1000>]\n');
  process.exit(2);
}

writeLine(`Whiteroom replay benchmark, ${new Date().toISOString()}`);
for (const line of describeMachine()) writeLine(line);
writeLine();
const scale = changes / TWO_HOUR_CLASS.changes;
await benchmarkReplay({
  ...TWO_HOUR_CLASS,
  changes,
  durationMs: Math.round(TWO_HOUR_CLASS.durationMs * scale),
});
