import { eventually, startTestStack, TestStack } from '../support/stack';
import { FULL, IntercomWorld } from '../support/intercom-world';

/**
 * The intercom platform is down, answers 503s, or rate-limits: events are still accepted,
 * operators can see what is retrying and why, and once the platform is back every event is
 * applied, in order, with one effect each. Nothing is lost.
 */
describe('intercom platform down for a while, then back', () => {
  let stack: TestStack;
  let w: IntercomWorld;

  beforeAll(async () => {
    stack = await startTestStack({}, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
  });
  afterEach(() => stack.intercom.faults.clear());
  afterAll(() => stack?.stop());

  it('accepts events while connections are refused, shows what is retrying, then applies everything in order', async () => {
    const a = await w.onboard('79100000001');
    const { agrmid } = await w.lb.createCustomer('Новый', 10_000);
    const b = await w.lb.createAccount(agrmid, '79100000002', 'кв. 2');
    await w.lb.activate(b);
    await w.lb.addIntercom(b);
    const platformEventsBefore = stack.intercom.state().events.length;

    await stack.intercom.faults.add({ kind: 'down' });
    await w.lb.block(a.account);
    const block = await w.send(a.account, 'block', { reason: 'manager' }, { wait: false });
    // The block has read billing (blocked) and now waits for the platform; only then does the manager unblock.
    const retrying = await eventually(async () => {
      const view = await w.api.getSubscriber('lanbilling', a.account);
      return view?.retrying.some((r) => r.activityType === 'applyCommand' && r.attempt >= 2) && view;
    });
    await w.lb.unblock(a.account);
    const unblock = await w.send(a.account, 'unblock', {}, { wait: false });
    const create = await w.send(b, 'create', {}, { wait: false });

    expect([block.outcome, unblock.outcome, create.outcome]).toEqual(['accepted', 'accepted', 'accepted']);
    expect(retrying.current?.id).toBe(block.eventId);
    // What an operator reads: the call that failed and why, and the activity's state by name.
    expect(retrying.retrying).toEqual([
      expect.objectContaining({ activityType: 'applyCommand', state: expect.stringMatching(/^(SCHEDULED|STARTED)$/), lastFailure: expect.stringMatching(/^intercom\.\w+: .*ECONNREFUSED/) }),
    ]);
    const queued = (await w.api.getSubscriber('lanbilling', a.account))!;
    expect(queued.current?.id).toBe(block.eventId);
    expect(queued.pending.map((c) => c.id)).toEqual([unblock.eventId]);
    const newcomer = await eventually(async () => {
      const view = await w.api.getSubscriber('lanbilling', b);
      return view?.retrying.some((r) => r.attempt >= 2) && view;
    });
    expect(newcomer.current).toMatchObject({ id: create.eventId, type: 'create' });
    expect(newcomer.retrying[0]?.lastFailure).toMatch(/ECONNREFUSED/);
    // Nothing reached the platform (it was off), and subsync's own view did not move ahead of it.
    expect(stack.intercom.state().events).toHaveLength(platformEventsBefore);
    expect(w.profile('79100000002')).toBeUndefined();
    expect(w.caps('79100000001', a.account)).toEqual(FULL);
    expect(newcomer.platforms.filter((p) => p.attached)).toEqual([]);

    await stack.intercom.faults.clear();

    await eventually(async () => (await w.api.getSubscriber('lanbilling', a.account))?.recent.some((r) => r.id === unblock.eventId));
    await eventually(async () => (await w.api.getSubscriber('lanbilling', b))?.recent.some((r) => r.id === create.eventId));
    // Each attempt re-reads billing before it writes: by the time the platform was back billing said
    // active again, so the stale door_key-only state was never written. Order kept: block, then unblock.
    expect(w.platformEvents(a.account).filter((e) => e.type === 'capabilities.changed')).toEqual([]);
    expect(w.caps('79100000001', a.account)).toEqual(FULL);
    expect((await w.appliedAudit(a.account)).slice(-2)).toEqual([
      { eventId: block.eventId, action: 'applied:block' },
      { eventId: unblock.eventId, action: 'applied:unblock' },
    ]);
    // The newcomer's profile was created once, with its apartment and full capabilities.
    expect(w.caps('79100000002', b)).toEqual(FULL);
    expect(stack.intercom.state().events.filter((e) => e.type === 'client.created' && e.login === '79100000002')).toHaveLength(1);
    const after = (await w.api.getSubscriber('lanbilling', a.account))!;
    expect(after).toMatchObject({ status: 'active', pending: [], retrying: [] });
    expect(after.current).toBeUndefined();
  });

  it('rides out a burst of 503s on a write with one effect', async () => {
    const a = await w.onboard('79100000003');
    const since = Date.now();
    await stack.intercom.faults.add({ kind: 'status', status: 503, operation: 'setCapabilities', times: 3 });

    await w.lb.block(a.account);
    const res = await w.send(a.account, 'block', { reason: 'manager' });

    expect(res.status).toBe('applied');
    const writes = w.platformRequests().filter((r) => r.operation === 'setCapabilities' && r.at >= since);
    expect(writes.map((r) => r.decision)).toEqual(['status', 'status', 'status', 'pass']);
    expect(w.caps('79100000003', a.account)).toEqual(['door_key']);
    expect(w.platformEvents(a.account).filter((e) => e.type === 'capabilities.changed')).toHaveLength(1);
  });

  it('waits at least the Retry-After of a 429 before trying again', async () => {
    const a = await w.onboard('79100000004');
    const since = Date.now();
    await stack.intercom.faults.add({ kind: 'rate_limit', retryAfterSeconds: 2, operation: 'setCapabilities', times: 1 });

    await w.lb.block(a.account);
    const res = await w.send(a.account, 'block', { reason: 'manager' });

    expect(res.status).toBe('applied');
    const writes = w.platformRequests().filter((r) => r.operation === 'setCapabilities' && r.at >= since);
    expect(writes.map((r) => r.decision)).toEqual(['rate_limit', 'pass']);
    // The retry policy alone would try again after 200 ms; the platform asked for 2 s.
    expect(writes[1]!.at - writes[0]!.at).toBeGreaterThanOrEqual(2000);
    expect(w.caps('79100000004', a.account)).toEqual(['door_key']);
  });
});
