import { TransientError } from '../../connectors/errors';
import type { ChangeFeed, LicenseChange, LicenseServer } from '../../connectors/licensing/port';
import { createLicenseCentralSimulator } from '../../simulators/license-central';
import { useSimulator } from '../support/simulator-hooks';
import { APP, ARCHIVE, catalogueSeed, connectTo, DAY_MS } from './license-central-support';

const START = Date.parse('2026-04-01T08:00:00.000Z');

/**
 * A consumer the way NotificationDispatcher works: it keeps its cursor, pages until nothing is
 * left, keeps each change once by its change id, and stores the new cursor only after a page
 * is processed. A poll that fails leaves the cursor where the last processed page put it.
 */
class FeedConsumer {
  cursor: string | undefined;
  readonly seen = new Map<string, LicenseChange>();
  duplicates = 0;
  constructor(private readonly server: LicenseServer, private readonly feed: ChangeFeed, private readonly limit: number) {}

  async poll(): Promise<void> {
    for (;;) {
      const page = await this.server.changes(this.feed, { ...(this.cursor ? { cursor: this.cursor } : {}), limit: this.limit });
      for (const change of page.changes) {
        if (this.seen.has(change.changeId)) this.duplicates++;
        else this.seen.set(change.changeId, change);
      }
      this.cursor = page.nextCursor;
      if (!page.hasMore) return;
    }
  }
}

describe('License Central change feeds', () => {
  let clock = START;
  const sim = useSimulator(createLicenseCentralSimulator({ now: () => clock }), { seed: catalogueSeed });
  beforeEach(() => {
    clock = START;
  });

  it('reports new orders, new and extended, with the lines each change added', async () => {
    const { server } = connectTo(sim);
    const first = await server.order({ orderNumber: 'SO-1', customer: { number: 'c-1' }, lines: [{ ...APP, quantity: 1 }] });
    await server.order({ orderNumber: 'SO-1', lines: [{ ...APP, quantity: 1 }, { ...ARCHIVE, quantity: 2 }] });
    const page = await server.changes('orders');
    expect(page.changes.map((c) => [c.type, c.ticket, c.orderNumber, c.lines?.map((l) => [l.productCode, l.quantity])])).toEqual([
      ['order.created', first.ticket, 'SO-1', [[APP.productCode, 1]]],
      ['order.extended', first.ticket, 'SO-1', [[ARCHIVE.productCode, 2]]],
    ]);
    expect(page.changes[0]!.customer).toEqual({ number: 'c-1' });
    expect(page.hasMore).toBe(false);
  });

  it('reports activation transactions with container serial, status and the expiry computed from the first activation', async () => {
    const { server } = connectTo(sim);
    const ticket = await server.order({ orderNumber: 'SO-2', lines: [{ ...APP, quantity: 1 }] });
    clock = START + 2 * DAY_MS;
    sim.portal.activate({ ticket: ticket.ticket, containerSerial: '130-1234567' });
    clock = START + 3 * DAY_MS;
    sim.portal.returnLicenses({ ticket: ticket.ticket, containerSerial: '130-1234567' });

    const activations = await server.changes('activations');
    const licenseNumber = ticket.licenses[0]!.licenseNumber;
    const expiresAt = new Date(START + 32 * DAY_MS).toISOString();
    expect(activations.changes.map((c) => [c.type, c.licenseNumber, c.containerSerial, c.status, c.expiresAt, c.at])).toEqual([
      ['activation.activated', licenseNumber, '130-1234567', 'activated', expiresAt, new Date(START + 2 * DAY_MS).toISOString()],
      ['activation.returned', licenseNumber, '130-1234567', 'available', expiresAt, new Date(START + 3 * DAY_MS).toISOString()],
    ]);
    const licenses = await server.changes('licenses');
    expect(licenses.changes.map((c) => [c.type, c.licenseNumber, c.expiresAt ?? null])).toEqual([
      ['license.created', licenseNumber, null],
      ['license.updated', licenseNumber, expiresAt],
    ]);
  });

  it('pages by cursor: each poll returns only what came after the stored cursor', async () => {
    const { server } = connectTo(sim);
    await server.order({ orderNumber: 'SO-3', lines: [{ ...APP, quantity: 3 }, { ...ARCHIVE, quantity: 2 }] });
    const consumer = new FeedConsumer(server, 'licenses', 2);
    await consumer.poll();
    expect(consumer.seen.size).toBe(5);
    const cursor = consumer.cursor;

    await server.order({ orderNumber: 'SO-4', lines: [{ ...ARCHIVE, quantity: 1 }] });
    const next = await server.changes('licenses', { cursor: cursor!, limit: 10 });
    expect(next.changes.map((c) => c.orderNumber)).toEqual(['SO-4']);
    expect(Number(next.nextCursor)).toBeGreaterThan(Number(cursor));
    const empty = await server.changes('licenses', { cursor: next.nextCursor });
    expect(empty).toEqual({ changes: [], nextCursor: next.nextCursor, hasMore: false });
  });

  it('misses nothing and reports nothing twice when a poll fails half-way and is repeated', async () => {
    const { server } = connectTo(sim);
    const ticket = await server.order({ orderNumber: 'SO-5', lines: [{ ...APP, quantity: 7 }] });
    const consumer = new FeedConsumer(server, 'licenses', 3);
    // The second page of the poll fails (License Central answers 503); the first was processed.
    let pages = 0;
    const realChanges = server.changes.bind(server);
    server.changes = async (...args) => {
      if (++pages === 2) await sim.faults.add({ kind: 'status', status: 503, operation: 'GetLicenseChanges', times: 1 });
      return realChanges(...args);
    };
    const failed = await consumer.poll().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TransientError);
    expect(consumer.seen.size).toBe(3);

    await consumer.poll();
    expect(consumer.duplicates).toBe(0);
    expect([...consumer.seen.values()].map((c) => c.licenseNumber).sort()).toEqual(ticket.licenses.map((l) => l.licenseNumber).sort());
  });

  it('reports a change twice under the same change id when License Central repeats it, so a consumer dedupes by it', async () => {
    const { server } = connectTo(sim);
    await server.order({ orderNumber: 'SO-6', lines: [{ ...APP, quantity: 2 }] });
    const consumer = new FeedConsumer(server, 'licenses', 10);
    await consumer.poll();
    const before = [...consumer.seen.keys()];

    await server.order({ orderNumber: 'SO-7', lines: [{ ...ARCHIVE, quantity: 1 }] });
    sim.lcFaults.add({ kind: 'duplicate_change', feed: 'licenses', times: 1 });
    const page = await server.changes('licenses', { cursor: consumer.cursor! });
    expect(page.changes).toHaveLength(2);
    expect(page.changes[0]!.changeId).toBe(before.at(-1));
    expect(page.changes[0]).toEqual(consumer.seen.get(before.at(-1)!));

    await consumer.poll();
    expect(consumer.duplicates).toBe(0);
    sim.lcFaults.add({ kind: 'duplicate_change', times: 1 });
    const again = await server.changes('licenses', { cursor: consumer.cursor! });
    expect(again.changes.map((c) => c.orderNumber)).toEqual(['SO-7']);
    expect(consumer.seen.has(again.changes[0]!.changeId)).toBe(true);
    expect(consumer.seen.size).toBe(3);
  });

  it('refuses a cursor that is not one of License Central\'s (validation)', async () => {
    const { server } = connectTo(sim);
    await expect(server.changes('orders', { cursor: 'yesterday' })).rejects.toMatchObject({ kind: 'permanent', reason: 'validation' });
  });
});
