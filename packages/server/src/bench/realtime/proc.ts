/**
 * What Linux's /proc tells about a process: CPU time, resident memory, and this process's limit
 * of open files. The benchmark reads a child server from outside, so that the figures include
 * everything the server does and nothing the load generator does.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks a second of /proc/<pid>/stat; 100 on nearly every Linux. */
const CLOCK_TICKS = readClockTicks();

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** Seconds of CPU (user and system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name, second field, is in parentheses and may hold spaces: count after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, so 12 and 13 after the name.
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) {
    throw new Error(`unexpected /proc/${pid}/stat: ${stat.slice(0, 80)}`);
  }
  return (user + system) / CLOCK_TICKS;
}

/** A process's resident memory in bytes (VmRSS). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/**
 * The soft limit of open files of this process, which children inherit; undefined when /proc
 * does not say. Node cannot raise it, so the benchmark scales down to it instead.
 */
export function openFileLimit(): number | undefined {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+(\d+|unlimited)\s/m.exec(limits);
  if (!match?.[1]) return undefined;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/** CPU used between two readings, as a percentage of one core. */
export function percentOfCore(cpuSecondsUsed: number, wallSeconds: number): number {
  return wallSeconds > 0 ? (100 * cpuSecondsUsed) / wallSeconds : 0;
}
