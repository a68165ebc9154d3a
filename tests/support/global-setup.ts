import fs from 'node:fs';
import path from 'node:path';
import { startDevServer } from '../../runtime/dev-server';
import { buildWorkflowBundle } from '../../worker/worker';

/**
 * One real Temporal dev server (in memory, no UI) for the whole test run. Test files that need
 * Temporal read its address from TEMPORAL_TEST_ADDRESS and use their own task queues.
 */
export default async function globalSetup(): Promise<void> {
  // Jest gives every file a fresh module registry, so bundle the workflows once for the whole run.
  if (!process.env.SUBSYNC_WORKFLOW_BUNDLE) {
    const { code } = await buildWorkflowBundle();
    const file = path.resolve('.data/test-workflow-bundle.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, code);
    process.env.SUBSYNC_WORKFLOW_BUNDLE = file;
  }
  if (process.env.TEMPORAL_TEST_ADDRESS) return;
  const server = await startDevServer({ headless: true, logFile: '.data/temporal-test-server.log' });
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  (globalThis as { __subsyncDevServer?: typeof server }).__subsyncDevServer = server;
}
