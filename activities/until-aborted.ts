/**
 * The work's outcome, or the signal's reason should it abort first (an activity's
 * `cancellationSignal`, whose reason is the CancelledFailure its `cancelled` promise rejects with).
 * Not a race against the activity's `cancelled` promise: that one settles only on cancellation, and
 * each race adds a reaction to it that holds the work's result until the activity ends, so a pass
 * that waits on many pages held every page it had read.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // Should the signal win, the work's later failure is nobody's to handle.
    work.catch(() => undefined);
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
