import { Counter } from 'prom-client';
import { lifecycleEventTypes } from '../domain/events';
import { knownLabel, nameLabel } from './labels';
import { registry } from './registry';

/** What became of a lifecycle event that reached the dispatcher (HTTP API, CLI, TS client or a watcher). */
export type EventOutcome = 'accepted' | 'duplicate' | 'rejected' | 'conflict';

const events = new Counter({
  name: 'subsync_events_total',
  help: 'Lifecycle events received, by billing system, event type and outcome (accepted, duplicate, rejected as invalid, conflict: same id with another body)',
  labelNames: ['billing', 'type', 'outcome'],
  registers: [registry],
});

const deferred = new Counter({
  name: 'subsync_events_deferred_total',
  help: 'Accepted events left in the inbox for redelivery (no worker took them in time, or an older event of the subscriber waits)',
  labelNames: ['billing', 'type'],
  registers: [registry],
});

export function recordEvent(event: { billing: string; type: string }, outcome: EventOutcome, options: { deferred?: boolean } = {}): void {
  const labels = { billing: nameLabel(event.billing), type: knownLabel(event.type, lifecycleEventTypes) };
  events.inc({ ...labels, outcome });
  if (options.deferred) deferred.inc(labels);
}

let billingSystems: readonly string[] = [];

/** The configured billing systems: the only billing names a rejected event is counted under. */
export function setKnownBillingSystems(names: readonly string[]): void {
  billingSystems = [...names];
}

/**
 * An event that failed validation (in the dispatcher, or in the HTTP API's schema check before
 * it): its billing and type are counted only when they are ones we know, so a caller sending
 * garbage cannot create new series.
 */
export function recordRejectedEvent(input: unknown): void {
  const body = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  events.inc({ billing: knownLabel(body.billing, billingSystems), type: knownLabel(body.type, lifecycleEventTypes), outcome: 'rejected' });
}
