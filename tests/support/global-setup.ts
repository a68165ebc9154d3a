import { startDevServer } from '../../runtime/dev-server';

/**
 * One real Temporal dev server (in memory, no UI) for the whole test run. Test files that need
 * Temporal read its address from TEMPORAL_TEST_ADDRESS and use their own task queues.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEMPORAL_TEST_ADDRESS) return;
  const server = await startDevServer({ headless: true, logFile: '.data/temporal-test-server.log' });
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  (globalThis as { __subsyncDevServer?: typeof server }).__subsyncDevServer = server;
}
