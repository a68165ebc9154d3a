import { Connection } from '@temporalio/client';

/**
 * The real errors the Temporal client throws when no server answers (nothing listens on
 * port 1): on the first connect, and on a call over a lazy connection.
 */
export async function temporalConnectFailure(): Promise<Error> {
  try {
    await Connection.connect({ address: '127.0.0.1:1', connectTimeout: 300 });
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected no Temporal server on 127.0.0.1:1');
}

export async function temporalCallFailure(): Promise<Error> {
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  try {
    await connection.withDeadline(Date.now() + 300, () => connection.workflowService.getSystemInfo({}));
  } catch (err) {
    return err as Error;
  } finally {
    await connection.close();
  }
  throw new Error('expected no Temporal server on 127.0.0.1:1');
}
