import { startDevServer } from '../../runtime/dev-server';
import { prebuiltBundle, writeWorkflowBundle } from '../../worker/workflow-bundle';

/**
 * One real Temporal dev server (in memory, no UI) for the whole test run. Test files that need
 * Temporal read its address from TEMPORAL_TEST_ADDRESS and use their own task queues.
 */
export default async function globalSetup(): Promise<void> {
  // Jest gives every file a fresh module registry, so one bundle serves the whole run: the
  // prebuilt one when it matches the sources (the bootstrap built it), else one built now.
  process.env.SUBSYNC_WORKFLOW_BUNDLE ??= prebuiltBundle() ?? (await writeWorkflowBundle());
  if (process.env.TEMPORAL_TEST_ADDRESS) return;
  const server = await startDevServer({ headless: true, logFile: '.data/temporal-test-server.log' });
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  (globalThis as { __subsyncDevServer?: typeof server }).__subsyncDevServer = server;
}
