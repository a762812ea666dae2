/**
 * The servers under test run as child processes, so that the load generator (this process) and
 * the server do not share an event loop and the server's CPU and memory can be read on their own.
 * Every child started here is killed when this process exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const TAIL_LINES = 20;

export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The inspector's address, when the child was started with one. */
  readonly inspectorUrl?: string;
  /** The last lines the child wrote, to show when something went wrong. */
  tail(): string[];
  /** Asks the child to stop, then kills it if it has not within a few seconds. */
  stop(): Promise<void>;
}

interface ChildOptions {
  name: string;
  /** Arguments to node: its own options, then the script and the script's. */
  args: string[];
  env?: Record<string, string>;
  /** Matches the line that says the child listens; its first group is the port. */
  ready: RegExp;
}

const running = new Set<ChildProcess>();
let guarded = false;

/** Kills every child still running; synchronous, so that it works in an `exit` handler. */
function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

function guardExit(): void {
  if (guarded) return;
  guarded = true;
  process.once('exit', killAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

export interface WhiteroomOptions {
  dataDir: string;
  accessKey: string;
  secretAccessKey: string;
  /** Opens an inspector on a free port of 127.0.0.1, to read the server's memory through. */
  inspect?: boolean;
  /** Writes a CPU profile of the server into this folder when it stops (`node --cpu-prof`). */
  cpuProfileDir?: string;
}

/** `whiteroom serve` on a free port of 127.0.0.1, with the given key pair and data folder. */
export function startWhiteroom(options: WhiteroomOptions): Promise<ChildServer> {
  const cli = fileURLToPath(new URL('../../../bin/whiteroom.js', import.meta.url));
  return startChild({
    name: 'whiteroom',
    args: [
      ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
      ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
      cli,
      'serve',
      ...['--port', '0', '--host', '127.0.0.1', '--data', options.dataDir],
    ],
    env: {
      WHITEROOM_ACCESS_KEY: options.accessKey,
      WHITEROOM_SECRET_ACCESS_KEY: options.secretAccessKey,
      WHITEROOM_LOG_LEVEL: 'warn',
    },
    ready: /Whiteroom is running at http:\/\/127\.0\.0\.1:(\d+)/,
  });
}

/** The bare relay of relay.ts on a free port of 127.0.0.1. */
export function startRelay(): Promise<ChildServer> {
  return startChild({
    name: 'relay',
    args: [fileURLToPath(new URL('./relay.js', import.meta.url))],
    ready: /Relay is running at http:\/\/127\.0\.0\.1:(\d+)/,
  });
}

function startChild(options: ChildOptions): Promise<ChildServer> {
  guardExit();
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
    }
  };
  child.stdout?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));

  return new Promise<ChildServer>((resolve, reject) => {
    let banner = '';
    let listening = false;
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${signal ?? code}) before listening`);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.kill('SIGKILL');
      reject(new Error(`${options.name} ${why}; it wrote:\n${lines.join('\n')}`));
    };
    const timer = setTimeout(() => fail('did not start in time'), READY_TIMEOUT_MS);
    child.once('exit', onEarlyExit);
    child.stderr?.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (listening) return;
      banner += chunk.toString();
      const port = options.ready.exec(banner)?.[1];
      if (port === undefined || child.pid === undefined) return;
      listening = true;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      const inspectorUrl = /Debugger listening on (ws:\/\/127\.0\.0\.1:\S+)/.exec(banner)?.[1];
      resolve({
        name: options.name,
        pid: child.pid,
        url: `http://127.0.0.1:${port}`,
        ...(inspectorUrl === undefined ? {} : { inspectorUrl }),
        tail: () => [...lines],
        stop: () => stopChild(child, exited),
      });
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
