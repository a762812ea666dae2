/**
 * `npm run bench`: token verifications per second in-process, room-token mints and room
 * creations per second over HTTP, and the room server's delivery, latency and memory per
 * connection over WebSocket. It prints figures and asserts none of them; see
 * docs/performance.md for the latest and what limits each.
 */
import { benchmarkHttp } from './http.js';
import { describeMachine } from './machine.js';
import { USAGE, parseOptions } from './options.js';
import { benchmarkRealtime } from './realtime/realtime.js';
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
  let realtimeClean = true;
  for (const section of options.sections) {
    writeLine();
    if (section === 'verify') benchmarkVerify();
    else if (section === 'http') clean = (await benchmarkHttp(options)) && clean;
    else realtimeClean = await benchmarkRealtime();
  }

  if (!clean) {
    writeLine();
    writeLine('Some requests failed (non-2xx or no answer): the HTTP figures above are not valid.');
    return 1;
  }
  return realtimeClean ? 0 : 1;
}

process.exitCode = await main();
