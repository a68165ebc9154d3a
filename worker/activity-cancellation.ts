import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * Ends activities that are cancelled, or still running when a shutting-down worker's grace time
 * is over, even when the call they wait on does not listen (an HTTP request to a platform that
 * accepts and never answers). Without it one such call held a worker in DRAINING until it was
 * killed: Temporal cancels regular activities after the grace time, but a local activity (the
 * subscriber command's quick path) was waited for, retried, and waited for again.
 *
 * The abandoned call ends with its own timeout; the attempt counts as failed and is retried by
 * another worker (a command falls back from the local to the regular activity), and every write
 * is idempotent.
 */
export function activityCancellation(): { interceptor: ActivityInterceptorsFactory; handBack(): void } {
  let handBack!: () => void;
  const handedBack = new Promise<never>((_, reject) => {
    handBack = () => reject(new CancelledFailure('handed back: the worker is shutting down'));
  });
  handedBack.catch(() => undefined); // observed by the activities that run, if any
  return {
    interceptor: () => ({
      inbound: {
        execute(input, next) {
          return Promise.race([next(input), Context.current().cancelled, handedBack]);
        },
      },
    }),
    handBack,
  };
}
