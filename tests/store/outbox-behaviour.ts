import type { FeedChange } from '../../domain/outbox';
import type { BuiltMessage } from '../../store/outbox';
import type { Store } from '../../store/store';

const change = (n: number, at = '2026-12-01T10:00:00.000Z'): FeedChange => ({ changeId: `CHG-${n}`, type: 'license.created', at, data: { n } });
const message = (id: string, orderKey: string, changeIds: string[], extra: Partial<BuiltMessage> = {}): BuiltMessage => ({
  messageId: id,
  type: 'license.created',
  orderKey,
  occurredAt: '2026-12-01T10:00:00.000Z',
  data: { id },
  changeIds,
  ...extra,
});

/**
 * The outbox's behaviours, run inside the store suite on SQLite and PostgreSQL: a page stored
 * once with its cursor, duplicates ignored, per-key order of due deliveries, superseding,
 * attempts, resend and recover, backlog counts.
 */
export function outboxBehaviour(store: () => Store): void {
  describe('outbox', () => {
    const source = 'lc-test';
    const endpoints = ['hook-a', 'hook-b'];

    it('stores a page with its changes, messages, deliveries and cursor, and ignores what it already has', async () => {
      const outbox = store().outbox;
      const now = new Date();
      const first = await outbox.storePage({ source, feed: 'licenses', received: [change(1), change(2)], messages: [message('m1', 'k1', ['CHG-1']), message('m2', 'k2', ['CHG-2'])], endpoints, nextCursor: '2', now });
      expect(first).toEqual({ messages: 2, deliveries: 4, superseded: 0 });
      expect(await outbox.cursor(source, 'licenses')).toBe('2');
      // The source reports CHG-2 again (and one new change): only the new one is new.
      expect((await outbox.newChanges(source, [change(2), change(3), change(3)])).map((c) => c.changeId)).toEqual(['CHG-3']);
      const again = await outbox.storePage({ source, feed: 'licenses', received: [change(3)], messages: [message('m2', 'k2', ['CHG-2']), message('m3', 'k1', ['CHG-3'])], endpoints, nextCursor: '3', now });
      expect(again.messages).toBe(1);
      expect(await outbox.cursor(source, 'licenses')).toBe('3');
    });

    it('keeps held changes for the next poll and releases them into a later message', async () => {
      const outbox = store().outbox;
      const now = new Date();
      await outbox.storePage({ source, feed: 'activations', received: [change(10), change(11)], messages: [message('t1', 'ticket-1', ['CHG-10'])], endpoints: [], nextCursor: '11', now });
      expect((await outbox.heldChanges(source, 'activations')).map((c) => c.changeId)).toEqual(['CHG-11']);
      await outbox.storePage({ source, feed: 'activations', received: [change(12)], messages: [message('t2', 'ticket-1', ['CHG-11', 'CHG-12'])], endpoints: [], nextCursor: '12', now });
      expect(await outbox.heldChanges(source, 'activations')).toEqual([]);
    });

    it('hands out due deliveries oldest first, holding back a key behind its earlier message that waits for a retry', async () => {
      const outbox = store().outbox;
      const now = Date.now();
      const due = await outbox.dueDeliveries('hook-a', now, 10);
      expect(due.map((d) => d.message.messageId)).toEqual(['m1', 'm2', 'm3']);
      expect(due[0]!.message.data).toEqual({ id: 'm1' });
      const [m1, m2] = due;
      await outbox.recordAttempts('hook-a', [
        { seq: m1!.seq, attempt: 1, result: 'retry', outcome: 'rejected', at: new Date(), durationMs: 3, status: 400, error: 'HTTP 400', nextAttemptAt: now + 60_000, retryStep: 1 },
        { seq: m2!.seq, attempt: 1, result: 'delivered', at: new Date(), durationMs: 2, status: 204 },
      ]);
      // m3 shares k1 with m1, which now waits a minute: nothing of k1 is due.
      expect((await outbox.dueDeliveries('hook-a', now, 10)).map((d) => d.message.messageId)).toEqual([]);
      expect(await outbox.nextAttemptAt('hook-a')).toBe(now + 60_000);
      expect((await outbox.dueDeliveries('hook-a', now + 60_000, 10)).map((d) => d.message.messageId)).toEqual(['m1', 'm3']);
      const attempts = await outbox.attemptsOf(m1!.seq, 'hook-a');
      expect(attempts.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([[1, 'rejected', 400]]);
      const [delivered] = await outbox.deliveriesOf(m2!.seq);
      expect(delivered).toMatchObject({ endpoint: 'hook-a', status: 'delivered', attempts: 1 });
    });

    it('drops older undelivered messages of a key for a superseding one', async () => {
      const outbox = store().outbox;
      const now = new Date();
      await outbox.storePage({ source, feed: 'status', received: [change(20)], messages: [message('s1', 'license-9', ['CHG-20'], { supersedesOlder: true })], endpoints: ['hook-s'], nextCursor: '20', now });
      const res = await outbox.storePage({ source, feed: 'status', received: [change(21)], messages: [message('s2', 'license-9', ['CHG-21'], { supersedesOlder: true })], endpoints: ['hook-s'], nextCursor: '21', now });
      expect(res.superseded).toBe(1);
      expect((await outbox.dueDeliveries('hook-s', Date.now(), 10)).map((d) => d.message.messageId)).toEqual(['s2']);
    });

    it('gives up, recovers since a date, resends a delivered message, and counts the backlog', async () => {
      const outbox = store().outbox;
      const [m1, m3] = await outbox.dueDeliveries('hook-a', Date.now() + 120_000, 10);
      await outbox.recordAttempts('hook-a', [
        { seq: m1!.seq, attempt: 2, result: 'failed', outcome: 'rejected', at: new Date(), durationMs: 1, status: 404, error: 'HTTP 404', retryStep: 10 },
        { seq: m3!.seq, attempt: 1, result: 'delivered', at: new Date(), durationMs: 1 },
      ]);
      let backlog = await outbox.backlog();
      expect(backlog.find((b) => b.endpoint === 'hook-a')).toMatchObject({ pending: 0, failed: 1, delivered: 2 });
      expect(backlog.find((b) => b.endpoint === 'hook-b')).toMatchObject({ pending: 3, due: 3, failed: 0 });
      expect((await outbox.deliveries({ endpoint: 'hook-a', status: 'failed', limit: 10 })).map((d) => [d.messageId, d.lastStatus])).toEqual([['m1', 404]]);

      expect(await outbox.recover('hook-a', new Date(Date.now() + 3_600_000))).toBe(0);
      expect(await outbox.recover('hook-a', new Date(0))).toBe(1);
      expect(await outbox.resend('m2', 'hook-a')).toEqual(['hook-a']);
      expect(await outbox.resend('no-such-message')).toEqual([]);
      backlog = await outbox.backlog();
      expect(backlog.find((b) => b.endpoint === 'hook-a')).toMatchObject({ pending: 2, failed: 0, delivered: 1 });
    });

    it('keeps endpoint state: disabled with a reason, enabled again with its trouble forgotten', async () => {
      const outbox = store().outbox;
      expect(await outbox.endpoint('hook-e')).toMatchObject({ enabled: true, failureStreak: 0, pausedUntil: 0 });
      await outbox.updateEndpoint('hook-e', { failingSince: new Date(), failureStreak: 3, pausedUntil: Date.now() + 5000 });
      expect(await outbox.disableEndpoint('hook-e', 'HTTP 410 Gone')).toMatchObject({ enabled: false, disabledReason: 'HTTP 410 Gone', failureStreak: 3 });
      expect(await outbox.enableEndpoint('hook-e')).toMatchObject({ enabled: true, disabledReason: null, failureStreak: 0, pausedUntil: 0, failingSince: null });
    });

    it('counts received changes by feed and type in a period', async () => {
      const outbox = store().outbox;
      const counts = await outbox.changeCounts(source, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T00:00:00Z'));
      expect(counts).toEqual([
        { feed: 'activations', type: 'license.created', count: 3 },
        { feed: 'licenses', type: 'license.created', count: 3 },
        { feed: 'status', type: 'license.created', count: 2 },
      ]);
      expect(await outbox.changeCounts(source, new Date('2026-12-02T00:00:00Z'), new Date('2026-12-03T00:00:00Z'))).toEqual([]);
    });
  });
}
