/**
 * Where the outbox counts things, for metrics to hook into (the Prometheus exporter wires these).
 * Each is called once per batch or poll with the counts; they do nothing on their own.
 */
export type DeliveryOutcomeLabel = 'delivered' | 'unavailable' | 'rejected' | 'gone' | 'throttled' | 'gave_up';

/** Deliveries to one endpoint, by outcome, after each batch. */
export function countDeliveries(_endpoint: string, _outcome: DeliveryOutcomeLabel, _count: number): void {}

/** The endpoint's backlog as the last batch left it: pending deliveries and failed (given up) ones. */
export function observeBacklog(_endpoint: string, _pending: number, _failed: number): void {}

/** Changes read from a source's feed and messages put into the outbox, after each poll. */
export function countPolled(_source: string, _feed: string, _changes: number, _messages: number): void {}
