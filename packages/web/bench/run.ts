/**
 * `npm run bench:web`: the web app in headless Chromium. Frame times while panning a page of
 * 10,000 strokes (at 100 % and with the whole page shown), and the time from pointer-up on one
 * page to the stroke painted on another, on an empty page and on the full one. It prints figures
 * and asserts none; see the "Web app" section of docs/performance.md.
 */
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { measurePan, profilePan, type PanResult } from './frames.js';
import {
  MAX_STROKES,
  measureLatency,
  profileLatency,
  removeRedStrokes,
  type LatencySample,
} from './latency.js';
import type { CostLine } from './profile.js';
import { AREA, fillRoom } from './populate.js';
import { createRoom, frames, launchBrowser, openRoom, startBenchServer } from './setup.js';
import { ms, percentile, writeLine } from './stats.js';

const USAGE = `usage: npm run bench:web -- [--only frames|latency] [--strokes N] [--seconds S]
                          [--reps N] [--seed N] [--profile]
  --strokes  strokes on the big page (10000)     --seconds  seconds of panning per zoom (5)
  --reps     strokes timed end to end, 1-30 (30) --seed     of the big page's strokes (1)
  --profile  also print where the time goes: the page's top functions (CPU profile) and the
             rendering threads' work (trace) while panning, both pages' top functions while
             strokes are timed end to end`;

interface Options {
  sections: ('frames' | 'latency')[];
  strokes: number;
  seconds: number;
  reps: number;
  seed: number;
  profile: boolean;
}

function parseOptions(args: string[]): Options | { error: string } {
  const options: Options = {
    sections: ['frames', 'latency'],
    strokes: 10_000,
    seconds: 5,
    reps: 30,
    seed: 1,
    profile: false,
  };
  const limits = { strokes: [1, 20_000], seconds: [1, 60], reps: [1, 30], seed: [0, 2 ** 31] };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--profile') {
      options.profile = true;
    } else if (flag === '--only') {
      const value = args[++i];
      if (value !== 'frames' && value !== 'latency') return { error: `--only ${value}?` };
      options.sections = [value];
    } else if (
      flag === '--strokes' ||
      flag === '--seconds' ||
      flag === '--reps' ||
      flag === '--seed'
    ) {
      const name = flag.slice(2) as keyof typeof limits;
      const value = Number(args[++i]);
      const [min, max] = limits[name] as [number, number];
      if (!Number.isInteger(value) || value < min || value > max) {
        return { error: `${flag} takes a whole number from ${min} to ${max}` };
      }
      options[name] = value;
    } else {
      return { error: `unknown option ${flag}` };
    }
  }
  return options;
}

function printPan(label: string, result: PanResult): void {
  const { interval, work } = result;
  writeLine(
    `${label.padEnd(22)} ${String(result.frames).padStart(4)} frames  interval p50 ${ms(interval.p50)}  ` +
      `p95 ${ms(interval.p95)}  p99 ${ms(interval.p99)}  max ${ms(interval.max)}  ` +
      `dropped ${result.dropped}`,
  );
  writeLine(
    `${''.padEnd(22)} main thread per frame p50 ${ms(work.p50)}  p95 ${ms(work.p95)}; ` +
      `busy ${(result.taskShare * 100).toFixed(0)}% of the time ` +
      `(scripts ${(result.scriptShare * 100).toFixed(0)}%)`,
  );
  writeLine(
    `${''.padEnd(22)} content layer: page drawn afresh in ${result.redraws} frames, ` +
      `last picture moved in ${result.moves}`,
  );
}

function printCosts(title: string, lines: CostLine[]): void {
  writeLine(`    ${title}`);
  for (const line of lines) {
    writeLine(
      `    ${(line.share * 100).toFixed(1).padStart(5)}%  ${ms(line.ms).padStart(10)}  ${line.name}`,
    );
  }
}

function printLatency(label: string, samples: LatencySample[], skew: number): void {
  const totals = samples.map((sample) => sample.total);
  const arrivals = samples.map((sample) => sample.arrival);
  writeLine(
    `${label.padEnd(22)} ${samples.length} strokes  p50 ${ms(percentile(totals, 0.5))}  ` +
      `p95 ${ms(percentile(totals, 0.95))}  max ${ms(Math.max(...totals))}`,
  );
  writeLine(
    `${''.padEnd(22)} of which to the change applied on B: p50 ${ms(percentile(arrivals, 0.5))}  ` +
      `p95 ${ms(percentile(arrivals, 0.95))}  (clocks of the two pages ${ms(skew)} apart)`,
  );
}

async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

async function benchmarkEmptyPage(browser: Browser, serverUrl: string, reps: number) {
  const room = await createRoom(serverUrl);
  const a = await openRoom(browser, serverUrl, room.writerUrl, 'A', 0);
  const b = await openRoom(browser, serverUrl, room.writerUrl, 'B', 0);
  const { samples, skew } = await measureLatency(a, b, 0, reps);
  printLatency('empty page', samples, skew);
  await closePage(a);
  await closePage(b);
}

async function benchmarkFullPage(browser: Browser, serverUrl: string, options: Options) {
  const room = await createRoom(serverUrl);
  const filled = await fillRoom(serverUrl, room.writerUrl, options.strokes, options.seed);
  writeLine(
    `big page: ${filled.strokes} strokes, ${filled.points} points over ` +
      `${AREA.width} × ${AREA.height} (seed ${options.seed}), sent in ${ms(filled.ms)}`,
  );
  const opening = performance.now();
  const a = await openRoom(browser, serverUrl, room.writerUrl, 'A', options.strokes);
  await frames(a, 2);
  writeLine(`opened and drawn in ${ms(performance.now() - opening)}`);

  if (options.sections.includes('frames')) {
    for (const [label, zoom] of [
      ['panning at 100 %', 'zoom-level'],
      ['panning, whole page', 'zoom-fit'],
    ] as const) {
      await a.getByTestId(zoom).click();
      await frames(a, 10);
      printPan(label, await measurePan(a, options.seconds));
      if (options.profile) {
        const { functions, threads } = await profilePan(a, options.seconds);
        printCosts('page functions by self time, share of the busy time:', functions);
        printCosts(
          'rendering threads, busiest work by self time, share of the wall time:',
          threads,
        );
      }
    }
  }
  if (options.sections.includes('latency')) {
    const b = await openRoom(browser, serverUrl, room.writerUrl, 'B', options.strokes);
    for (const [label, zoom] of [
      ['big page, whole page', 'zoom-fit'],
      ['big page, 100 %', 'zoom-level'],
    ] as const) {
      for (const page of [a, b]) {
        await page.getByTestId(zoom).click();
        await frames(page, 10);
      }
      const { samples, skew } = await measureLatency(a, b, 0, options.reps);
      printLatency(label, samples, skew);
      if (options.profile) {
        const costs = await profileLatency(a, b, MAX_STROKES / 2, 5);
        printCosts('drawing page (A), functions by self time:', costs.sender);
        printCosts('watching page (B), functions by self time:', costs.receiver);
      }
      await removeRedStrokes(a, b);
    }
    await closePage(b);
  }
  await closePage(a);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if ('error' in options) {
    process.stderr.write(`${options.error}\n${USAGE}\n`);
    return 2;
  }
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const server = await startBenchServer();
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  try {
    writeLine(`Whiteroom web app benchmark, ${new Date().toISOString()}`);
    writeLine(`machine  ${cpu}, ${os.cpus().length} cores; node ${process.version}`);
    writeLine(
      `browser  headless Chromium ${browser.version()}, --disable-gpu (software rendering)`,
    );
    writeLine();
    if (options.sections.includes('latency')) {
      await benchmarkEmptyPage(browser, server.server.url, options.reps);
    }
    await benchmarkFullPage(browser, server.server.url, options);
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

process.exitCode = await main();
