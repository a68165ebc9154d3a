import { Counter, Histogram } from 'prom-client';
import { CollectedGauge, Reading } from './collected-gauge';
import { nameLabel } from './labels';
import { registry } from './registry';

/**
 * The hook for outbound notifications (webhooks per Standard Webhooks, email): the dispatcher
 * that delivers them calls recordWebhookDelivery once per attempt and registers its outbox
 * backlog with watchWebhookBacklog. The endpoint label is the configured endpoint's name, never
 * its URL or a subscriber.
 */
export type WebhookOutcome = 'delivered' | 'failed' | 'gave_up';

const deliveries = new Counter({
  name: 'subsync_webhook_deliveries_total',
  help: 'Notification delivery attempts by endpoint name and outcome (delivered, failed: will retry, gave_up)',
  labelNames: ['endpoint', 'outcome'],
  registers: [registry],
});
const duration = new Histogram({
  name: 'subsync_webhook_delivery_duration_seconds',
  help: 'Latency of notification delivery attempts by endpoint name',
  labelNames: ['endpoint'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
const backlog = new CollectedGauge({
  name: 'subsync_webhook_backlog',
  help: 'Notifications written to the outbox and not yet delivered, by endpoint name',
  labelNames: ['endpoint'],
});

export function recordWebhookDelivery(delivery: { endpoint: string; outcome: WebhookOutcome; seconds?: number }): void {
  const endpoint = nameLabel(delivery.endpoint);
  deliveries.inc({ endpoint, outcome: delivery.outcome });
  if (delivery.seconds !== undefined) duration.observe({ endpoint }, delivery.seconds);
}

/** Reads the outbox backlog per endpoint name at every scrape; call the returned function on shutdown. */
export function watchWebhookBacklog(read: () => Promise<Record<string, number>>): () => void {
  return backlog.addSource(async (): Promise<Reading> => Object.entries(await read()).map(([endpoint, value]) => ({ labels: { endpoint: nameLabel(endpoint) }, value })));
}
