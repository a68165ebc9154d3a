import type { ChangeFeedReader, FeedChange } from '../domain/outbox';
import type { ChangeFeed, LicenseChange, LicenseServer } from '../connectors/licensing/port';

/** A license server's change feeds (orders, licenses, activations) as pages of FeedChange. */
export function licenseServerFeeds(server: LicenseServer, feeds: readonly ChangeFeed[]): ChangeFeedReader {
  return {
    feeds,
    async read(feed, cursor, limit) {
      const page = await server.changes(feed as ChangeFeed, { ...(cursor === undefined ? {} : { cursor }), limit });
      return { changes: page.changes.map(toFeedChange), nextCursor: page.nextCursor, hasMore: page.hasMore };
    },
  };
}

export function toFeedChange(change: LicenseChange): FeedChange {
  return { changeId: change.changeId, type: change.type, at: change.at, data: change as unknown as Record<string, unknown> };
}
