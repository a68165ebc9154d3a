import { createSubscriberActivities } from '../../activities/subscriber-activities';
import { EventConflictError } from '../../client/ts';
import { createLogger } from '../../runtime/logger';
import { httpRequest } from '../client/support/http';
import { startTestStack, TestStack } from '../support/stack';
import { FULL, IntercomWorld } from '../support/intercom-world';

/**
 * Billing hooks repeat themselves (timeouts, retries, two scripts for one change): an event id
 * seen before has no second effect, however it arrives, and an id reused for another event is
 * refused. (A hook and the watcher reporting one change: billing-watcher.test.ts.)
 */
describe('the same event twice has one effect', () => {
  let stack: TestStack;
  let w: IntercomWorld;

  beforeAll(async () => {
    stack = await startTestStack({}, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
  });
  afterAll(() => stack?.stop());

  it('answers a repeated id "duplicate" and applies it once', async () => {
    const { account } = await w.onboard('79200000001');
    await w.lb.block(account);
    const event = { id: `hook-block-${account}`, billing: 'lanbilling', account, type: 'block', reason: 'manager' };

    const first = await w.api.submitEvent(event, { wait: true, timeoutMs: 20_000 });
    const second = await w.api.submitEvent(event, { wait: true, timeoutMs: 20_000 });

    expect(first).toMatchObject({ outcome: 'accepted', status: 'applied' });
    expect(second).toMatchObject({ eventId: event.id, outcome: 'duplicate', status: 'applied' });
    expect(second.subscriber?.recent.filter((r) => r.id === event.id)).toHaveLength(1);
    expect((await w.appliedAudit(account)).filter((a) => a.eventId === event.id)).toEqual([{ eventId: event.id, action: 'applied:block' }]);
    expect(w.platformEvents(account).filter((e) => e.type === 'capabilities.changed')).toHaveLength(1);
    expect(w.caps('79200000001', account)).toEqual(['door_key']);
  });

  it('writes one audit row for a command whose activity ran again after a crash', async () => {
    const { account } = await w.onboard('79200000009');
    await w.lb.block(account);
    const view = (await w.api.getSubscriber('lanbilling', account))!;
    const slots = Object.fromEntries(view.platforms.map((p) => [p.platform, p]));
    // The same activity run twice, as Temporal retries it when the worker died after it finished its writes.
    const activities = createSubscriberActivities({ config: stack.app.config, connectors: stack.app.connectors, store: stack.app.store, logger: createLogger({ level: 'silent' }) });
    const input = { key: { billing: 'lanbilling', account }, commandId: `crash-retry-${account}`, commandType: 'block', mustExist: false, slots, seenActive: ['intercom'], charges: [], liftBlockWhenPaid: false };

    await activities.applyCommand(input);
    await activities.applyCommand(input);

    expect((await w.appliedAudit(account)).filter((a) => a.eventId === input.commandId)).toEqual([{ eventId: input.commandId, action: 'applied:block' }]);
    expect(w.platformEvents(account).filter((e) => e.type === 'capabilities.changed')).toHaveLength(1);
    expect(w.caps('79200000009', account)).toEqual(['door_key']);
  });

  it('applies one of three concurrent deliveries of a new subscriber\'s first event', async () => {
    const { agrmid } = await w.lb.createCustomer('Параллельный', 10_000);
    const account = await w.lb.createAccount(agrmid, '79200000002', 'кв. 2');
    await w.lb.activate(account);
    await w.lb.addIntercom(account);
    const event = { id: `hook-create-${account}`, billing: 'lanbilling', account, type: 'create' };

    const answers = await Promise.all([w.api.submitEvent(event), w.api.submitEvent(event), w.api.submitEvent(event)]);

    expect(answers.map((a) => a.outcome).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    const done = await w.api.submitEvent(event, { wait: true, timeoutMs: 20_000 });
    expect(done).toMatchObject({ outcome: 'duplicate', status: 'applied' });
    expect(w.caps('79200000002', account)).toEqual(FULL);
    const platform = stack.intercom.state().events.filter((e) => e.login === '79200000002');
    expect(platform.map((e) => e.type)).toEqual(['client.created', 'address.added']);
    expect((await w.appliedAudit(account)).filter((a) => a.eventId === event.id)).toHaveLength(1);
  });

  it('refuses the same id with a different body with 409 and applies nothing of it', async () => {
    const { account } = await w.onboard('79200000003');
    const id = `hook-reused-${account}`;
    await w.api.submitEvent({ id, billing: 'lanbilling', account, type: 'sync' }, { wait: true, timeoutMs: 20_000 });
    await w.lb.switchOff(account);

    await expect(w.api.submitEvent({ id, billing: 'lanbilling', account, type: 'disable' })).rejects.toBeInstanceOf(EventConflictError);
    const raw = await httpRequest(stack.app.apiUrl, { method: 'POST', url: '/v1/events', payload: { id, billing: 'lanbilling', account, type: 'disable' } });

    expect(raw.statusCode).toBe(409);
    expect(raw.json()).toMatchObject({ error: 'event_id_conflict', eventId: id });
    // Billing says switched off, but no disable was accepted: the platform keeps the apartment.
    const view = await w.api.getSubscriber('lanbilling', account);
    expect(view).toMatchObject({ status: 'active', pending: [] });
    expect(view?.recent.filter((r) => r.id === id)).toHaveLength(1);
    expect(w.caps('79200000003', account)).toEqual(FULL);
  });
});
