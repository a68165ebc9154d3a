import { licenseCentralConnector, licenseCentralConfigSchema } from '../../connectors/license-central';
import type { ChangeFeed } from '../../connectors/licensing/port';
import type { Logger } from '../../domain/logger';
import { notificationsSchema } from '../../notifications/config';
import { licenseNotificationBuilder } from '../../notifications/modules';
import { toFeedChange } from '../../notifications/source';
import { webhookTransmitter } from '../../notifications/transmitters';
import { runPool } from '../support/pool';

/**
 * The reference: the same deliveries made by a loop that reads License Central's feeds with the
 * same connector, builds the same messages and POSTs them with the same signed sender and
 * concurrency, and nothing else: no Temporal, no outbox, no attempt log, no retries, no order per
 * key. What subsync costs on top is the difference.
 */
export async function deliverDirectly(options: { lcUrl: string; receiverUrl: string; secret: string; pageSize: number; concurrency: number; logger: Logger }): Promise<{ messages: number; failed: number }> {
  const server = licenseCentralConnector.create('license-central', licenseCentralConfigSchema.parse({ url: options.lcUrl, credentials: { user: 'subsync', password: 'cmlc-sim' } }), { logger: options.logger });
  const builder = licenseNotificationBuilder('license-central', notificationsSchema.parse({}).modules);
  const transmitter = webhookTransmitter('direct', { url: `${options.receiverUrl}/direct`, secrets: [options.secret], timeoutMs: 15_000, maxSockets: options.concurrency });
  let messages = 0;
  let failed = 0;
  try {
    for (const feed of ['orders', 'licenses', 'activations'] as ChangeFeed[]) {
      let cursor: string | undefined;
      for (;;) {
        const page = await server.changes(feed, { ...(cursor ? { cursor } : {}), limit: options.pageSize });
        const built = builder.build(feed, page.changes.map(toFeedChange), true).messages;
        await runPool(built, options.concurrency, async (m) => {
          const outcome = await transmitter.send({ seq: 0, messageId: m.messageId, source: 'license-central', feed, type: m.type, orderKey: m.orderKey, occurredAt: m.occurredAt, data: m.data, attempt: 1 });
          if (outcome.ok) messages++;
          else failed++;
        });
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
    }
  } finally {
    await transmitter.close?.();
  }
  return { messages, failed };
}
