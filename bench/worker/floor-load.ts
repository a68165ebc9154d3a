import { performance } from 'node:perf_hooks';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { floorCommand } from '../floor/workflows';
import { runPool } from '../support/pool';

/**
 * The floor's load (bench/floor/measure.ts) from the bench's client onto a worker in another
 * process: `subscribers` no-op entities × `commands` updates, each with one no-op activity.
 */
export async function driveFloorEntities(options: { client: Client; taskQueue: string; subscribers: number; commands: number; concurrency: number; signal: AbortSignal }): Promise<{ commands: number; wallMs: number }> {
  const ids = Array.from({ length: options.subscribers }, (_, i) => `worker-reference:${i}`);
  const started = performance.now();
  let commands = 0;
  await runPool(ids, options.concurrency, async (workflowId, entity) => {
    for (let c = 0; c < options.commands; c++) {
      await options.client.workflow.executeUpdateWithStart(floorCommand, {
        args: [{ id: `${workflowId}:${c}`, entity, command: c }],
        updateId: `${workflowId}:${c}`,
        startWorkflowOperation: new WithStartWorkflowOperation('floorEntityWorkflow', { workflowId, taskQueue: options.taskQueue, args: ['activity'], workflowIdConflictPolicy: 'USE_EXISTING' }),
      });
      commands += 1;
    }
  }, options.signal);
  return { commands, wallMs: performance.now() - started };
}
