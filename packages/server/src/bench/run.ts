/**
 * `npm run bench`: token verifications per second in-process, and room-token mints and room
 * creations per second over HTTP. It prints figures and asserts none of them; see
 * docs/performance.md for the latest and what limits each.
 */
import { benchmarkHttp } from './http.js';
import { describeMachine } from './machine.js';
import { USAGE, parseOptions } from './options.js';
import { writeLine } from './report.js';
import { benchmarkVerify } from './verify.js';

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if ('error' in options) {
    process.stderr.write(`${options.error}\n${USAGE}\n`);
    return 2;
  }

  writeLine(`Whiteroom benchmark, ${new Date().toISOString()}`);
  for (const line of describeMachine()) writeLine(line);

  let clean = true;
  for (const section of options.sections) {
    writeLine();
    if (section === 'verify') benchmarkVerify();
    else clean = (await benchmarkHttp(options)) && clean;
  }

  if (!clean) {
    writeLine();
    writeLine('Some requests failed (non-2xx or no answer): the HTTP figures above are not valid.');
    return 1;
  }
  return 0;
}

process.exitCode = await main();
