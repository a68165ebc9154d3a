import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * The process's one metrics registry. Every subsync metric registers here, beside Node's own
 * (process_*, nodejs_*). Other processes' metrics (the Temporal SDK's native exporter) are
 * appended to the same scrape by name, so each process has one /metrics to scrape.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const external = new Map<string, () => Promise<string>>();
let scrapes = 0;

/** Which scrape is being collected, so gauges read from one query can share it within a scrape. */
export function scrapeNumber(): number {
  return scrapes;
}

const sourceUp = new Gauge({
  name: 'subsync_metrics_source_up',
  help: 'Whether a metrics source appended to this scrape answered (1) or not (0); source="temporal" is the Temporal SDK',
  labelNames: ['source'],
  registers: [registry],
});

/**
 * Appends another exporter's Prometheus text to every scrape (replacing an earlier one of the
 * same name). Its metric names must not collide with ours: the Temporal SDK's start with temporal_.
 */
export function setExternalMetrics(source: string, read: () => Promise<string>): void {
  external.set(source, read);
}

export function removeExternalMetrics(source: string): void {
  external.delete(source);
  sourceUp.remove({ source });
}

/** Everything this process exports, in the Prometheus text format. */
export async function metricsText(): Promise<string> {
  scrapes++;
  const appended: string[] = [];
  for (const [source, read] of external) {
    try {
      appended.push(await read());
      sourceUp.set({ source }, 1);
    } catch {
      sourceUp.set({ source }, 0);
    }
  }
  const own = await registry.metrics();
  return [own, ...appended.map((text) => (text.endsWith('\n') ? text : `${text}\n`))].join('\n');
}

export const metricsContentType = registry.contentType;
