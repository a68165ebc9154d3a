/**
 * subsync's Prometheus metrics. Modules record through these functions (never through
 * prom-client directly), so names, labels and their bounds live in one place; the README's
 * "Metrics and logs" section lists every metric.
 */
export { registry, metricsText, metricsContentType, setExternalMetrics, removeExternalMetrics } from './registry';
export { recordEvent, recordRejectedEvent, setKnownBillingSystems, type EventOutcome } from './events';
export { recordCommandOutcome, recordAuditedCommand, type CommandOutcome, type CommandLabels } from './commands';
export { recordPlatformCall, type CallOutcome } from './platform-calls';
export { recordActivityAttempt, recordActivityFailure } from './activities';
export { recordWatcherCycle, recordInvoicingPage, recordUsageBillingPage } from './jobs';
export { watchInboxBacklog, watchParkedSubscribers } from './backlog';
export { recordWebhookDelivery, watchWebhookBacklog, type WebhookOutcome } from './webhooks';
export { CollectedGauge, type Reading } from './collected-gauge';
export { startMetricsServer, type MetricsServer } from './server';
