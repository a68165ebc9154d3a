import { Counter } from 'prom-client';
import { nameLabel } from './labels';
import { registry } from './registry';

const retries = new Counter({
  name: 'subsync_activity_retries_total',
  help: 'Activity executions that were a retry (attempt > 1), by activity type',
  labelNames: ['activity'],
  registers: [registry],
});

const failures = new Counter({
  name: 'subsync_activity_failures_total',
  help: 'Activity attempts that failed, by activity type and failure type (Transient, RateLimited, Permanent.<reason>, ...); retryable says whether Temporal tries again',
  labelNames: ['activity', 'failure', 'retryable'],
  registers: [registry],
});

/** Called by the worker's activity interceptor at the start of every attempt. */
export function recordActivityAttempt(activity: string, attempt: number): void {
  if (attempt > 1) retries.inc({ activity: nameLabel(activity) });
}

export function recordActivityFailure(activity: string, failure: string, retryable: boolean): void {
  failures.inc({ activity: nameLabel(activity), failure: nameLabel(failure), retryable: String(retryable) });
}
