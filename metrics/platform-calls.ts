import { Counter, Histogram } from 'prom-client';
import { nameLabel } from './labels';
import { registry } from './registry';

/**
 * How a call to an external system (billing or platform) ended: ok, or the connector error
 * kind it was mapped to (transient: network/5xx/timeout; rate_limited: 429; permanent:
 * validation/not_found/conflict/auth/rejected), or error for anything unexpected.
 */
export type CallOutcome = 'ok' | 'transient' | 'rate_limited' | 'permanent' | 'error';

const calls = new Counter({
  name: 'subsync_platform_calls_total',
  help: 'Calls to billing systems and platforms by connector instance, operation and outcome; reason names the permanent failure (validation, not_found, conflict, auth, rejected)',
  labelNames: ['connector', 'operation', 'outcome', 'reason'],
  registers: [registry],
});

const duration = new Histogram({
  name: 'subsync_platform_call_duration_seconds',
  help: 'Latency of calls to billing systems and platforms by connector instance, operation and outcome',
  labelNames: ['connector', 'operation', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export function recordPlatformCall(call: { connector: string; operation: string; outcome: CallOutcome; reason?: string; seconds: number }): void {
  const connector = nameLabel(call.connector);
  const operation = nameLabel(call.operation);
  calls.inc({ connector, operation, outcome: call.outcome, reason: call.outcome === 'permanent' ? nameLabel(call.reason) : '' });
  duration.observe({ connector, operation, outcome: call.outcome }, call.seconds);
}
