import {
  CollectedGauge,
  metricsText,
  recordAuditedCommand,
  recordEvent,
  recordRejectedEvent,
  recordUsageBillingPage,
  recordWebhookDelivery,
  registry,
  setExternalMetrics,
  removeExternalMetrics,
  setKnownBillingSystems,
  startMetricsServer,
  watchWebhookBacklog,
} from '.';

/** The value of one series in `text`, given its name and exact label set as Prometheus prints it. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  beforeEach(() => registry.resetMetrics());

  it('counts a rejected event under its billing and type only when both are known', async () => {
    setKnownBillingSystems(['lanbilling']);
    recordRejectedEvent({ billing: 'lanbilling', type: 'block' });
    recordRejectedEvent({ billing: 'evil-<script>', type: 'x'.repeat(500) });
    recordRejectedEvent('not even an object');
    const text = await metricsText();
    expect(valueOf(text, 'subsync_events_total{billing="lanbilling",type="block",outcome="rejected"}')).toBe(1);
    expect(valueOf(text, 'subsync_events_total{billing="unknown",type="unknown",outcome="rejected"}')).toBe(2);
    expect(text).not.toContain('evil');
  });

  it('folds a label value that does not look like a name into "other"', async () => {
    recordEvent({ billing: 'billing with spaces', type: 'create' }, 'accepted', { deferred: true });
    const text = await metricsText();
    expect(valueOf(text, 'subsync_events_total{billing="other",type="create",outcome="accepted"}')).toBe(1);
    expect(valueOf(text, 'subsync_events_deferred_total{billing="other",type="create"}')).toBe(1);
  });

  it("maps the subscriber workflow's audit actions onto command outcomes", async () => {
    recordAuditedCommand('lanbilling', 'applied:block');
    recordAuditedCommand('lanbilling', 'parked', { reason: 'no login', errorType: 'MissingLogin' });
    recordAuditedCommand('lanbilling', 'operator-skip', { by: 'ana' });
    recordAuditedCommand('lanbilling', 'operator-retry');
    recordAuditedCommand('lanbilling', 'charge-recorded');
    const text = await metricsText();
    expect(valueOf(text, 'subsync_commands_total{outcome="applied",billing="lanbilling",command="block",service="",reason=""}')).toBe(1);
    expect(valueOf(text, 'subsync_commands_total{outcome="parked",billing="lanbilling",command="",service="",reason="MissingLogin"}')).toBe(1);
    expect(valueOf(text, 'subsync_commands_total{outcome="skipped",billing="lanbilling",command="",service="",reason=""}')).toBe(1);
    expect(valueOf(text, 'subsync_commands_total{outcome="retried",billing="lanbilling",command="",service="",reason=""}')).toBe(1);
    expect(text.match(/^subsync_commands_total\{/gm)).toHaveLength(4);
  });

  it('reads collected gauges at scrape time, adds up their sources and leaves out one that does not answer', async () => {
    const gauge = new CollectedGauge({ name: 'subsync_test_queue', help: 'test', labelNames: ['queue'], readTimeoutMs: 50 });
    const removeA = gauge.addSource(async () => [{ labels: { queue: 'a' }, value: 2 }]);
    const removeB = gauge.addSource(async () => [{ labels: { queue: 'a' }, value: 3 }, { labels: { queue: 'b' }, value: 1 }]);
    const removeStuck = gauge.addSource(() => new Promise(() => undefined));
    const text = await metricsText();
    expect(valueOf(text, 'subsync_test_queue{queue="a"}')).toBe(5);
    expect(valueOf(text, 'subsync_test_queue{queue="b"}')).toBe(1);
    removeA();
    removeB();
    removeStuck();
    const next = await metricsText();
    expect(valueOf(next, 'subsync_metrics_collect_errors_total{gauge="subsync_test_queue"}')).toBe(1);
    expect(valueOf(next, 'subsync_test_queue{queue="a"}')).toBeUndefined();
    registry.removeSingleMetric('subsync_test_queue');
  });

  it('gives the notification dispatcher its delivery counters and backlog gauge', async () => {
    recordWebhookDelivery({ endpoint: 'crm', outcome: 'delivered', seconds: 0.2 });
    recordWebhookDelivery({ endpoint: 'crm', outcome: 'failed', seconds: 5 });
    const stop = watchWebhookBacklog(async () => ({ crm: 7, 'https://evil.example/?token=x': 1 }));
    const text = await metricsText();
    stop();
    expect(valueOf(text, 'subsync_webhook_deliveries_total{endpoint="crm",outcome="delivered"}')).toBe(1);
    expect(valueOf(text, 'subsync_webhook_delivery_duration_seconds_count{endpoint="crm"}')).toBe(2);
    expect(valueOf(text, 'subsync_webhook_backlog{endpoint="crm"}')).toBe(7);
    expect(valueOf(text, 'subsync_webhook_backlog{endpoint="other"}')).toBe(1);
  });

  it('counts month-end usage billing per service and mode, page by page', async () => {
    recordUsageBillingPage({ service: 'meeting', dryRun: false, charged: 998, existing: 0, unpaid: 1, failed: 1, seconds: 3600 });
    recordUsageBillingPage({ service: 'meeting', dryRun: false, charged: 2, existing: 5, unpaid: 0, failed: 0, seconds: 60 });
    recordUsageBillingPage({ service: 'meeting', dryRun: true, charged: 7, existing: 0, unpaid: 0, failed: 0, seconds: 10 });
    const text = await metricsText();
    expect(valueOf(text, 'subsync_usage_billing_items_total{service="meeting",mode="run",outcome="charged"}')).toBe(1000);
    expect(valueOf(text, 'subsync_usage_billing_items_total{service="meeting",mode="run",outcome="existing"}')).toBe(5);
    expect(valueOf(text, 'subsync_usage_billing_items_total{service="meeting",mode="run",outcome="failed"}')).toBe(1);
    expect(valueOf(text, 'subsync_usage_billing_items_total{service="meeting",mode="dry_run",outcome="charged"}')).toBe(7);
    expect(valueOf(text, 'subsync_usage_billing_seconds_total{service="meeting",mode="run"}')).toBe(3660);
  });

  it('appends another exporter and says whether it answered', async () => {
    setExternalMetrics('fake', async () => '# TYPE fake_up gauge\nfake_up 1\n');
    let text = await metricsText();
    expect(valueOf(text, 'fake_up')).toBe(1);
    expect(valueOf(text, 'subsync_metrics_source_up{source="fake"}')).toBe(1);
    setExternalMetrics('fake', async () => {
      throw new Error('gone');
    });
    text = await metricsText();
    expect(valueOf(text, 'fake_up')).toBeUndefined();
    expect(valueOf(text, 'subsync_metrics_source_up{source="fake"}')).toBe(0);
    removeExternalMetrics('fake');
  });

  it('serves /metrics on its own port for a process without the HTTP API', async () => {
    const server = await startMetricsServer({ port: 0, host: '127.0.0.1' });
    try {
      recordEvent({ billing: 'lanbilling', type: 'sync' }, 'duplicate');
      const res = await fetch(server.url);
      expect(res.headers.get('content-type')).toBe(registry.contentType);
      expect(valueOf(await res.text(), 'subsync_events_total{billing="lanbilling",type="sync",outcome="duplicate"}')).toBe(1);
      expect((await fetch(server.url.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
