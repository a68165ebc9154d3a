import type { WorkflowHandle } from '@temporalio/client';
import type { WorkflowStatus } from '../operations';

const DEFAULT_WAIT_MS = 30_000;
const POLL_EVERY_MS = 250;

/**
 * Reads a run until it is no longer running or the wait ends, and returns the last reading.
 * Polling (rather than awaiting the result) keeps a wait from outliving its request.
 */
export async function pollWhileRunning<T extends { status: WorkflowStatus }>(read: () => Promise<T>, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await read();
    if (run.status !== 'RUNNING' || Date.now() >= deadline) return run;
    await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
  }
}

/** Why a closed run did not complete: the failure's cause (the application error) when there is one. */
export async function closedRunFailure(handle: WorkflowHandle): Promise<string | undefined> {
  return handle.result().then(
    () => undefined,
    (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
  );
}
