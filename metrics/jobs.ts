import { Counter, Gauge, Histogram } from 'prom-client';
import { nameLabel } from './labels';
import { registry } from './registry';

const watcherCycle = new Histogram({
  name: 'subsync_watcher_cycle_duration_seconds',
  help: 'How long one billing watcher poll took (list the accounts, compare, send the changes), by billing system',
  labelNames: ['billing'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers: [registry],
});
const watcherChanges = new Counter({
  name: 'subsync_watcher_changes_total',
  help: 'Changes the billing watchers found in billing and sent as lifecycle events, by billing system',
  labelNames: ['billing'],
  registers: [registry],
});
const watcherAccounts = new Gauge({
  name: 'subsync_watcher_accounts',
  help: 'Accounts billing listed at the last watcher poll, by billing system',
  labelNames: ['billing'],
  registers: [registry],
});
const watcherLast = new Gauge({
  name: 'subsync_watcher_last_cycle_timestamp_seconds',
  help: 'When the last watcher poll finished (Unix time), by billing system: a stale value means the watcher stopped',
  labelNames: ['billing'],
  registers: [registry],
});

/** Called once per completed watcher poll. */
export function recordWatcherCycle(cycle: { billing: string; seconds: number; accounts: number; changes: number }): void {
  const labels = { billing: nameLabel(cycle.billing) };
  watcherCycle.observe(labels, cycle.seconds);
  watcherChanges.inc(labels, cycle.changes);
  watcherAccounts.set(labels, cycle.accounts);
  watcherLast.set(labels, Date.now() / 1000);
}

const invoicingCustomers = new Counter({
  name: 'subsync_invoicing_customers_total',
  help: 'Customer plans TV invoicing handled, by billing system, mode (run, dry_run) and outcome (created, existing, parked)',
  labelNames: ['billing', 'mode', 'outcome'],
  registers: [registry],
});
const invoicingPages = new Counter({
  name: 'subsync_invoicing_pages_total',
  help: 'Pages of charged extras TV invoicing went through, by billing system and mode',
  labelNames: ['billing', 'mode'],
  registers: [registry],
});
const invoicingLast = new Gauge({
  name: 'subsync_invoicing_last_page_timestamp_seconds',
  help: 'When TV invoicing last finished a page (Unix time), by billing system and mode',
  labelNames: ['billing', 'mode'],
  registers: [registry],
});

/** Called once per invoiced page; a run's progress is the rate of these counters. */
export function recordInvoicingPage(page: { billing: string; dryRun: boolean; created: number; existing: number; parked: number }): void {
  const labels = { billing: nameLabel(page.billing), mode: page.dryRun ? 'dry_run' : 'run' };
  invoicingCustomers.inc({ ...labels, outcome: 'created' }, page.created);
  invoicingCustomers.inc({ ...labels, outcome: 'existing' }, page.existing);
  invoicingCustomers.inc({ ...labels, outcome: 'parked' }, page.parked);
  invoicingPages.inc(labels);
  invoicingLast.set(labels, Date.now() / 1000);
}

const usageItems = new Counter({
  name: 'subsync_usage_billing_items_total',
  help: 'Items (child licenses) month-end usage billing handled, by service, mode (run, dry_run) and outcome (charged, existing, unpaid, failed)',
  labelNames: ['service', 'mode', 'outcome'],
  registers: [registry],
});
const usageSeconds = new Counter({
  name: 'subsync_usage_billing_seconds_total',
  help: 'Seconds of metered use month-end usage billing went through, by service and mode',
  labelNames: ['service', 'mode'],
  registers: [registry],
});
const usageLast = new Gauge({
  name: 'subsync_usage_billing_last_page_timestamp_seconds',
  help: 'When month-end usage billing last finished a page (Unix time), by service and mode',
  labelNames: ['service', 'mode'],
  registers: [registry],
});

/** Called once per billed page of usage; a run's progress is the rate of these counters. */
export function recordUsageBillingPage(page: { service: string; dryRun: boolean; charged: number; existing: number; unpaid: number; failed: number; seconds: number }): void {
  const labels = { service: nameLabel(page.service), mode: page.dryRun ? 'dry_run' : 'run' };
  usageItems.inc({ ...labels, outcome: 'charged' }, page.charged);
  usageItems.inc({ ...labels, outcome: 'existing' }, page.existing);
  usageItems.inc({ ...labels, outcome: 'unpaid' }, page.unpaid);
  usageItems.inc({ ...labels, outcome: 'failed' }, page.failed);
  usageSeconds.inc(labels, page.seconds);
  usageLast.set(labels, Date.now() / 1000);
}
