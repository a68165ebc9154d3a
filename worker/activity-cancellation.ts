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
  let handedBack: CancelledFailure | undefined;
  /**
   * The running activities' own stop, each dropped when its activity ends. Not one promise shared
   * by all: every race against a promise that never settles adds a reaction to it, which kept each
   * activity that ever ran (its context, input and result) alive for the worker's lifetime.
   */
  const running = new Set<(reason: CancelledFailure) => void>();
  return {
    interceptor: () => ({
      inbound: {
        execute(input, next) {
          let stop!: (reason: CancelledFailure) => void;
          const stopped = new Promise<never>((_, reject) => (stop = reject));
          stopped.catch(() => undefined); // observed by the race below
          if (handedBack) stop(handedBack);
          else running.add(stop);
          return Promise.race([next(input), Context.current().cancelled, stopped]).finally(() => running.delete(stop));
        },
      },
    }),
    handBack() {
      handedBack ??= new CancelledFailure('handed back: the worker is shutting down');
      for (const stop of running) stop(handedBack);
      running.clear();
    },
  };
}
