import { AsyncLocalStorage } from 'node:async_hooks';
import { CallOutcome, recordPlatformCall } from '../metrics';
import { isConnectorError, PermanentError } from './errors';

/** The call counters of the `countCalls` runs the current call is inside. */
const counters = new AsyncLocalStorage<{ calls: number }[]>();

/**
 * Counts the calls to external systems (of any connector) that `work` makes, also those of
 * calls it runs concurrently: what a job such as the billing watcher reports about its cost.
 */
export async function countCalls<T>(work: (calls: () => number) => Promise<T>): Promise<T> {
  const counter = { calls: 0 };
  return counters.run([...(counters.getStore() ?? []), counter], () => work(() => counter.calls));
}

/**
 * Times one call to an external system and counts how it ended, by the connector error it threw
 * (see connectors/errors.ts). Every protocol client wraps its one sending function in it, so
 * each connector is measured the same way without its operations knowing.
 */
export async function measureCall<T>(connector: string, operation: string, call: () => Promise<T>): Promise<T> {
  for (const counter of counters.getStore() ?? []) counter.calls += 1;
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await call();
    recordPlatformCall({ connector, operation, outcome: 'ok', seconds: seconds() });
    return result;
  } catch (err) {
    const outcome: CallOutcome = isConnectorError(err) ? err.kind : 'error';
    recordPlatformCall({ connector, operation, outcome, reason: err instanceof PermanentError ? err.reason : undefined, seconds: seconds() });
    throw err;
  }
}
