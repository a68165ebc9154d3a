import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { Store } from './store';

describe('Store on SQLite', () => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-store-'));
    store = await Store.open(`sqlite:${path.join(dir, 'db.sqlite')}`);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records an event id once and tells a duplicate from a conflict', async () => {
    const e = { id: 'ev-1', subscriberId: 'lanbilling:1', type: 'block', payload: { type: 'block', reason: 'manager' } };
    expect(await store.recordInbox(e)).toEqual({ outcome: 'new', delivered: false });
    await store.markDelivered('ev-1');
    expect(await store.recordInbox(e)).toEqual({ outcome: 'duplicate', delivered: true });
    expect((await store.recordInbox({ ...e, payload: { type: 'block', reason: 'user' } })).outcome).toBe('conflict');
  });

  it('keeps one link per subscriber and platform', async () => {
    await store.upsertLink({ subscriberId: 'lanbilling:1', platform: 'intercom', login: 'ivanov', profileId: 'p1', attachmentId: 'a1' });
    await store.upsertLink({ subscriberId: 'lanbilling:1', platform: 'intercom', login: 'ivanov', profileId: 'p1', attachmentId: 'a2' });
    const links = await store.links('lanbilling:1');
    expect(links).toHaveLength(1);
    expect(links[0].attachmentId).toBe('a2');
    await store.removeLink('lanbilling:1', 'intercom');
    expect(await store.links('lanbilling:1')).toHaveLength(0);
  });

  it('keeps one ledger row per idempotency key and saves watcher cursors', async () => {
    const entry = { idempotencyKey: 'lanbilling:1:intercom:2026-11', subscriberId: 'lanbilling:1', service: 'intercom', period: '2026-11', amount: '150.00', status: 'insufficient_funds' as const };
    await store.recordCharge(entry);
    await store.recordCharge({ ...entry, status: 'charged', chargeId: 'pay-9' });
    const rows = await store.ledger('lanbilling:1');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'charged', chargeId: 'pay-9' });
    await store.saveCursors('lanbilling', [{ account: '1', fingerprint: 'a' }, { account: '2', fingerprint: 'b' }]);
    await store.saveCursors('lanbilling', [{ account: '1', fingerprint: null }]);
    expect([...(await store.cursors('lanbilling')).entries()]).toEqual([['2', 'b']]);
  });
});
