/**
 * Where a page's time goes, for when a figure misses its aim: a V8 CPU profile (the app's
 * functions) and a Chrome trace (the browser's rendering work, which the profile shows only as
 * "(program)").
 */
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

export interface CostLine {
  name: string;
  ms: number;
  /** Of the profile's busy time, or of the traced window's wall time. */
  share: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function, largest first, idle time left out. */
function selfTimes(profile: CpuProfile, top: number): CostLine[] {
  const names = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? path.basename(new URL(url, 'http://page/').pathname) : '';
    names.set(
      node.id,
      `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`,
    );
  }
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const name = names.get(id) ?? '?';
    self.set(name, (self.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
  });
  self.delete('(idle)');
  const busy = [...self.values()].reduce((sum, value) => sum + value, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms, share: ms / busy }));
}

/** Starts a CPU profile of the page; `stop` gives its top functions by self time. */
export async function startCpuProfile(page: Page): Promise<{ stop(): Promise<CostLine[]> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      return selfTimes(profile as CpuProfile, 12);
    },
  };
}

/** The threads that render a page, by the names Chrome's trace gives them. */
const THREADS: Record<string, string> = {
  CrRendererMain: 'main',
  ThreadPoolForegroundWorker: 'workers',
  Compositor: 'compositor',
  VizCompositorThread: 'display',
};
/** Trace events that only wrap others. */
const WRAPPERS = new Set([
  'RunTask',
  'ThreadControllerImpl::RunTask',
  'ThreadPool_RunTask',
  'TaskGraphRunner::RunTask',
  'Receive mojo message',
  'SimpleWatcher::OnHandleReady',
  'EpollEvent',
]);

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Self time (an event's duration less that of the events inside it) per thread and event. */
function selfTimesByThread(events: TraceEvent[], top: number, wall: number): CostLine[] {
  const threads = new Map<string, string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name) {
      threads.set(`${event.pid}:${event.tid}`, event.args.name);
    }
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = THREADS[threads.get(`${event.pid}:${event.tid}`) ?? ''];
    if (event.ph !== 'X' || event.dur === undefined || !thread) continue;
    byThread.set(thread, [...(byThread.get(thread) ?? []), event]);
  }
  const lines: CostLine[] = [];
  for (const [thread, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const self = new Map<string, number>();
    const open: TraceEvent[] = [];
    for (const event of list) {
      while (open.length > 0) {
        const last = open[open.length - 1] as TraceEvent;
        if (last.ts + (last.dur ?? 0) > event.ts) break;
        open.pop();
      }
      const parent = open[open.length - 1];
      if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - (event.dur ?? 0));
      self.set(event.name, (self.get(event.name) ?? 0) + (event.dur ?? 0));
      open.push(event);
    }
    const busiest = [...self.entries()]
      .filter(([name]) => !WRAPPERS.has(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
    for (const [name, micros] of busiest) {
      lines.push({ name: `${thread}: ${name}`, ms: micros / 1000, share: micros / 1000 / wall });
    }
  }
  return lines;
}

/**
 * Starts a trace of the browser; `stop` gives the busiest events of each rendering thread by
 * self time, as shares of the traced wall time (raster and garbage collection run on several
 * workers, so theirs can pass 100 %).
 */
export async function startTrace(page: Page): Promise<{ stop(): Promise<CostLine[]> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) =>
    events.push(...(data.value as unknown as TraceEvent[])),
  );
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,cc,viz,toplevel,v8,blink.canvas,disabled-by-default-skia',
    transferMode: 'ReportEvents',
  });
  const started = performance.now();
  return {
    stop: async () => {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      const wall = performance.now() - started;
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return selfTimesByThread(events, 4, wall);
    },
  };
}
