import { CollectedGauge } from './collected-gauge';
import { scrapeNumber } from './registry';

const inboxBacklog = new CollectedGauge({
  name: 'subsync_inbox_backlog',
  help: 'Events accepted into the inbox but not yet handed to Temporal (no worker answered, or they wait behind an older event)',
});
const inboxOldest = new CollectedGauge({
  name: 'subsync_inbox_oldest_age_seconds',
  help: 'Age of the oldest event still waiting in the inbox (0 when none waits)',
});
const parked = new CollectedGauge({
  name: 'subsync_parked_subscribers',
  help: 'Subscriber workflows with a parked command waiting for an operator (retry or skip), from Temporal visibility',
});

/** Reads the inbox backlog from the store at every scrape; call the returned function on shutdown. */
export function watchInboxBacklog(read: () => Promise<{ count: number; oldestReceivedAt: Date | null }>): () => void {
  // Both gauges come from one query per scrape.
  let last: { scrape: number; reading: Promise<{ count: number; oldestReceivedAt: Date | null }> } | undefined;
  const once = () => {
    if (last?.scrape !== scrapeNumber()) last = { scrape: scrapeNumber(), reading: read() };
    return last.reading;
  };
  const removeCount = inboxBacklog.addSource(async () => (await once()).count);
  const removeAge = inboxOldest.addSource(async () => {
    const { oldestReceivedAt } = await once();
    return oldestReceivedAt ? Math.max(0, (Date.now() - oldestReceivedAt.getTime()) / 1000) : 0;
  });
  return () => {
    removeCount();
    removeAge();
  };
}

/** Counts parked subscribers (e.g. a Temporal visibility count) at every scrape. */
export function watchParkedSubscribers(count: () => Promise<number>): () => void {
  return parked.addSource(count);
}
