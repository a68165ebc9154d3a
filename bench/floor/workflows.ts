import { condition, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

/**
 * Temporal's own floor for an entity workflow: what update-with-start, one update per command
 * applied in order, and at most one no-op activity per command cost on this machine, with nothing
 * of subsync in it. bench/floor/measure.ts drives it like the lifecycle bench drives subsync.
 * Mode `platform` adds what no workflow engine can save: the command's platform calls, made by
 * the same connectors subsync uses, in the one activity.
 */
export type FloorMode = 'activity' | 'local-activity' | 'none' | 'platform';

/** One command: its update id, and which entity and command it is (counted from 0), for the platform work. */
export interface FloorCommand {
  id: string;
  entity: number;
  command: number;
}

export const floorCommand = defineUpdate<string, [FloorCommand]>('command');

const { noop, work } = proxyActivities<{ noop(): Promise<void>; work(entity: number, command: number): Promise<void> }>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '30 seconds' });

export async function floorEntityWorkflow(mode: FloorMode): Promise<void> {
  let busy = false;
  setHandler(floorCommand, async ({ id, entity, command }) => {
    // One command at a time, in arrival order, as the subscriber workflow applies its queue.
    await condition(() => !busy);
    busy = true;
    try {
      if (mode === 'activity') await noop();
      if (mode === 'local-activity') await local.noop();
      // The floor with the platform work: one activity making the command's connector calls (measure.ts's `work`).
      if (mode === 'platform') await work(entity, command);
    } finally {
      busy = false;
    }
    return id;
  });
  await condition(() => false);
}
