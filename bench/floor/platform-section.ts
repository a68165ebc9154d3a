import type { CpuUse } from '../support/proc';
import { perSecond, summarize } from '../support/stats';
import type { Cell, ReportSection } from '../support/table';
import { commandsPerSecond, cpuMsPerCommand, cpuSplit, FloorResult } from './measure';

/** One measured path of a phase: its commands, wall time, latencies and CPU, and billing's side. */
export interface MeasuredPath {
  commands: number;
  wallMs: number;
  latenciesMs: number[];
  /** The path's own processes: the bench process (client, worker, connectors) and the Temporal server. */
  cpu: CpuUse;
  /** CPU seconds of the billing and platform simulators' process over the phase (undefined when /proc could not tell). */
  platformCpuSeconds: number | undefined;
}

/**
 * The floor again with the platform work in its activity: what Temporal plus the same connector
 * calls cost on this machine, with the simulators answering them on the same two cores. subsync's
 * share of it is what subsync itself costs (API, inbox, store, audit, its guarantees); its share
 * of the no-op floor also pays for the platform work, which no engine saves. `describeWork` says
 * what the scenario's work is, for the first note.
 */
export function platformFloorSection(floor: FloorResult, withWork: MeasuredPath, subsync: MeasuredPath, describeWork: string): ReportSection {
  const row = (path: string, r: { commands: number; wallMs: number; latenciesMs: number[]; cpu: CpuUse }, platformCpuSeconds: number | undefined): Cell[] => {
    const rate = perSecond(r.commands, r.wallMs);
    const l = summarize(r.latenciesMs);
    const platformCpuMs = platformCpuSeconds === undefined ? '' : (platformCpuSeconds * 1000) / r.commands;
    return [path, rate, `${((rate / commandsPerSecond(floor)) * 100).toFixed(0)} %`, `${((rate / commandsPerSecond(withWork)) * 100).toFixed(0)} %`, Math.round(l.p50), Math.round(l.p99), cpuMsPerCommand(r.cpu, r.commands), platformCpuMs];
  };
  return {
    title: 'What the platform work costs: the floor with the same connector calls in its activity',
    headers: ['path', 'commands/s', 'share of the floor', 'share of the floor with the platform work', 'p50 ms', 'p99 ms', 'CPU ms/command', 'billing + platform CPU ms/command'],
    rows: [
      row("Temporal's floor (no-op activity)", floor, undefined),
      row("Temporal's floor with the platform work", withWork, withWork.platformCpuSeconds),
      row('through subsync', subsync, subsync.platformCpuSeconds),
    ],
    notes: [
      `the floor with the platform work: ${describeWork}`,
      "CPU ms/command: the bench process (client and worker, connectors included) + the Temporal dev server; billing + platform: the simulators' process (through subsync it also sends the hooks).",
      `CPU ms/command by process: the floor ${cpuSplit(floor.cpu, floor.commands)}; with the platform work ${cpuSplit(withWork.cpu, withWork.commands)}; subsync ${cpuSplit(subsync.cpu, subsync.commands)}.`,
    ],
  };
}
