import { Context } from '@temporalio/activity';
import type { Logger } from '../domain/logger';
import type { OutboxRouting } from '../domain/outbox';
import type { Store } from '../store/store';
import { mapFailures } from './failures';
import type { ChangeFeedActivities } from './outbox-types';

/**
 * The change-feed poller's activity: reads the pages after the stored cursor and stores each
 * one (changes as received, the messages built from them, a delivery per endpoint, then the
 * cursor) in one transaction. A poll that fails half-way has stored the pages before the failure
 * with their cursor; its retry reads from there: nothing twice, nothing missed.
 */
export function createChangeFeedActivities(deps: { store: Store; routing: () => OutboxRouting | undefined; logger: Logger }): ChangeFeedActivities {
  return mapFailures<ChangeFeedActivities>({
    async pollChangeFeed({ source: name, feed }) {
      const routing = deps.routing();
      if (!routing) throw new Error('no change-feed source is configured in this worker');
      const source = routing.source(name);
      const outbox = deps.store.outbox;
      const endpoints = source.endpointsFor(feed);
      const result = { source: name, feed, pages: 0, changes: 0, newChanges: 0, messages: 0, held: 0, more: false, endpoints: [] as string[] };
      let cursor = await outbox.cursor(name, feed);
      for (;;) {
        const page = await source.reader.read(feed, cursor, source.pageSize);
        const fresh = await outbox.newChanges(name, page.changes);
        // Held changes come first: they are older than anything on this page.
        const held = await outbox.heldChanges(name, feed);
        const built = source.builder.build(feed, [...held, ...fresh], !page.hasMore);
        const stored = await outbox.storePage({ source: name, feed, received: fresh, messages: built.messages, endpoints, nextCursor: page.nextCursor, now: new Date() });
        cursor = page.nextCursor;
        result.pages++;
        result.changes += page.changes.length;
        result.newChanges += fresh.length;
        result.messages += stored.messages;
        result.held = built.held.length;
        if (stored.messages > 0) for (const e of endpoints) if (!result.endpoints.includes(e)) result.endpoints.push(e);
        Context.current().heartbeat({ pages: result.pages, cursor });
        if (!page.hasMore) break;
        if (result.pages >= source.maxPagesPerPoll) {
          result.more = true;
          break;
        }
      }
      if (result.newChanges) deps.logger.info({ source: name, feed, changes: result.newChanges, messages: result.messages }, 'change feed polled');
      return result;
    },
  });
}
