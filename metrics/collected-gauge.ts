import { Counter, Gauge } from 'prom-client';
import { registry } from './registry';

/** One reading of a collected gauge: a value per label set (an empty label set for a plain number). */
export type Reading = number | { labels: Record<string, string>; value: number }[];

const collectErrors = new Counter({
  name: 'subsync_metrics_collect_errors_total',
  help: 'Gauges that could not be read at scrape time (the store or Temporal did not answer in time), by gauge; shows from the next scrape on',
  labelNames: ['gauge'],
  registers: [registry],
});

/** How long one source may take at scrape time before its gauge is left out of that scrape. */
const READ_TIMEOUT_MS = 2000;

/**
 * A gauge read at scrape time from the system that knows the value (the store's inbox, Temporal's
 * visibility), so it is never stale and costs nothing between scrapes. Sources are added by
 * whoever owns the data and removed when it stops; values of several sources are added up.
 */
export class CollectedGauge {
  private readonly sources = new Set<() => Promise<Reading>>();
  private readonly gauge: Gauge;

  constructor(config: { name: string; help: string; labelNames?: string[]; readTimeoutMs?: number }) {
    const sources = this.sources;
    const timeoutMs = config.readTimeoutMs ?? READ_TIMEOUT_MS;
    this.gauge = new Gauge({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      registers: [registry],
      async collect() {
        this.reset();
        const totals = new Map<string, { labels: Record<string, string>; value: number }>();
        for (const read of sources) {
          let reading: Reading;
          try {
            reading = await withTimeout(read(), timeoutMs);
          } catch {
            collectErrors.inc({ gauge: config.name });
            continue;
          }
          for (const { labels, value } of typeof reading === 'number' ? [{ labels: {}, value: reading }] : reading) {
            const key = JSON.stringify(labels);
            const total = totals.get(key) ?? { labels, value: 0 };
            total.value += value;
            totals.set(key, total);
          }
        }
        for (const { labels, value } of totals.values()) this.set(labels, value);
      },
    });
  }

  /** Reads `read` at every scrape until the returned function is called. */
  addSource(read: () => Promise<Reading>): () => void {
    this.sources.add(read);
    return () => {
      this.sources.delete(read);
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
