import fs from 'node:fs';

/**
 * What Linux accounts for a process (/proc/<pid>/status and stat) and for the whole machine
 * (/proc/stat). Every reader returns undefined off Linux or once the process is gone.
 */

/** Kernel clock ticks per second for the times in /proc (USER_HZ, 100 on every mainstream Linux build). */
const TICKS_PER_SECOND = 100;

export interface ProcessMemory {
  rssKb: number;
  /** VmHWM: the peak resident set since the process started (or since the last resetPeakRss). */
  peakRssKb: number;
}

export function readProcessMemory(pid: number | 'self'): ProcessMemory | undefined {
  const status = read(`/proc/${pid}/status`);
  if (status === undefined) return undefined;
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: kb('VmRSS'), peakRssKb: kb('VmHWM') };
}

/**
 * Resets a process's VmHWM to its current RSS (Linux ≥ 4.0: "5" to clear_refs), so a figure
 * covers one scenario or phase rather than everything before it. Works for this process and
 * for child processes of the same user; false when not possible.
 */
export function resetPeakRss(pid: number | 'self' = 'self'): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** User + system CPU time the process has used, in seconds. */
export function readCpuSeconds(pid: number | 'self'): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // Fields after "(comm)", which may itself hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds the whole machine spent busy (all cores, every process), to show what else was running. */
export function readMachineBusySeconds(): number | undefined {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq steal …: busy is everything but idle and iowait.
  const t = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (t[i] ?? 0), 0);
  return busy / TICKS_PER_SECOND;
}

export function formatMiB(kb: number | undefined): string {
  return kb === undefined || Number.isNaN(kb) ? 'n/a' : `${(kb / 1024).toFixed(0)} MiB`;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface CpuUse {
  wallSeconds: number;
  /** CPU seconds per named process over the window (undefined when unreadable). */
  processes: Record<string, number | undefined>;
  machine: number | undefined;
}

/** Starts measuring CPU use of the named processes and the machine; `end()` returns the use since. */
export function cpuWindow(pids: Record<string, number | 'self'>): { end(): CpuUse } {
  const startedAt = Date.now();
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readCpuSeconds(pid)]));
  const machineStart = readMachineBusySeconds();
  const delta = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : b - a);
  return {
    end: () => ({
      wallSeconds: (Date.now() - startedAt) / 1000,
      processes: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, delta(start[name], readCpuSeconds(pid))])),
      machine: delta(machineStart, readMachineBusySeconds()),
    }),
  };
}
