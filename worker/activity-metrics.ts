import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { recordActivityAttempt, recordActivityFailure } from '../metrics';

/**
 * Counts retries and failures of every activity from outside it: the attempt number Temporal
 * hands each execution and the failure it ends with. Activities stay free of metrics code and
 * keep being counted however they are rewritten.
 */
export const activityMetricsInterceptor: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const { activityType, attempt } = ctx.info;
      recordActivityAttempt(activityType, attempt);
      try {
        return await next(input);
      } catch (err) {
        const failure = err instanceof ApplicationFailure ? (err.type ?? 'ApplicationFailure') : err instanceof Error ? err.name : 'unknown';
        recordActivityFailure(activityType, failure, !(err instanceof ApplicationFailure && err.nonRetryable));
        throw err;
      }
    },
  },
});
