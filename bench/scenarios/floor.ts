import { commandsPerSecond, cpuMsPerCommand, FLOOR_LABELS, floorRow, measureFloor } from '../floor/measure';
import type { FloorMode } from '../floor/workflows';
import type { Scenario, ScenarioContext, ScenarioReport } from '../support/scenario';
import { startBenchTemporal } from '../support/subsync';

/**
 * Temporal's own floor on this machine, alone: the entity workflow with no subsync in it. The
 * lifecycle and TV scenarios measure it again in their own run, so their ratios compare figures
 * taken minutes apart on the same machine load.
 */
export const floorScenario: Scenario = {
  name: 'floor',
  description: "Temporal's floor: update-with-start of a no-op entity workflow, with one no-op activity (regular or local) per update, and with none",
  options: [
    { flag: 'floor-subscribers', env: 'BENCH_FLOOR_SUBSCRIBERS', default: 200, description: 'entities' },
    { flag: 'floor-commands', env: 'BENCH_FLOOR_COMMANDS', default: 6, description: 'updates per entity, one after the other' },
    { flag: 'floor-concurrency', env: 'BENCH_FLOOR_CONCURRENCY', default: 20, description: 'entities in flight at once' },
  ],
  run,
};

async function run(ctx: ScenarioContext): Promise<ScenarioReport> {
  const temporal = await startBenchTemporal(ctx.resources);
  const rows = [];
  const notes: string[] = [];
  for (const mode of ['activity', 'local-activity', 'none'] as FloorMode[]) {
    ctx.progress(`floor (${mode}): ${ctx.option('floor-subscribers')} entities × ${ctx.option('floor-commands')} updates`);
    const r = await measureFloor({
      address: temporal.server.address,
      temporalPid: temporal.server.process.pid!,
      mode,
      subscribers: ctx.option('floor-subscribers'),
      commandsPerSubscriber: ctx.option('floor-commands'),
      concurrency: ctx.option('floor-concurrency'),
      signal: ctx.signal,
    });
    rows.push(floorRow(FLOOR_LABELS[mode], r));
    notes.push(`${mode}: ${commandsPerSecond(r).toFixed(0)} commands/s, ${cpuMsPerCommand(r.cpu, r.commands).toFixed(1)} CPU ms/command, ${r.historyLength} history events for one entity's ${ctx.option('floor-commands')} updates`);
  }
  return {
    sections: [{ title: `Temporal's floor, concurrency ${ctx.option('floor-concurrency')}`, headers: ['path', 'commands', 'wall s', 'commands/s', 'p50 ms', 'p99 ms', 'CPU ms/command'], rows, notes: [...notes, 'CPU: bench process (client + worker) + Temporal dev server, over the phase ÷ commands.'] }],
    problems: [],
  };
}
