import { NativeConnection, Worker } from '@temporalio/worker';
import { installTemporalRuntime } from '../../runtime/temporal';
import { benchLogger } from '../support/logger';

/**
 * The reference for the worker scenario: a bare Temporal worker process, the floor's no-op entity
 * workflow and no-op activity (bench/floor), on the same SDK runtime set-up as subsync's, loading a
 * bundle built beforehand as subsync's worker loads its prebuilt one. What subsync's worker costs
 * beyond this is subsync's own. Environment: BENCH_TEMPORAL_ADDRESS, BENCH_TASK_QUEUE,
 * BENCH_WORKFLOW_BUNDLE, BENCH_MAX_CACHED_WORKFLOWS (subsync's worker.maxCachedWorkflows).
 */
async function main(): Promise<void> {
  const env = (name: string) => process.env[name] ?? fail(`${name} is not set`);
  await installTemporalRuntime({ logger: benchLogger(), level: 'warn', metrics: false });
  const connection = await NativeConnection.connect({ address: env('BENCH_TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    taskQueue: env('BENCH_TASK_QUEUE'),
    workflowBundle: { codePath: env('BENCH_WORKFLOW_BUNDLE') },
    activities: { noop: async () => undefined },
    maxCachedWorkflows: Number(env('BENCH_MAX_CACHED_WORKFLOWS')),
  });
  // run() stops on SIGTERM/SIGINT by itself (the SDK's shutdown signals).
  await worker.run();
  await connection.close();
}

function fail(message: string): never {
  throw new Error(message);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
