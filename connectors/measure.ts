import { CallOutcome, recordPlatformCall } from '../metrics';
import { isConnectorError, PermanentError } from './errors';

/**
 * Times one call to an external system and counts how it ended, by the connector error it threw
 * (see connectors/errors.ts). Every protocol client wraps its one sending function in it, so
 * each connector is measured the same way without its operations knowing.
 */
export async function measureCall<T>(connector: string, operation: string, call: () => Promise<T>): Promise<T> {
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
