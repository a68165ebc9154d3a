import { SubsyncApiError, SubsyncClient } from '../../client/ts';
import { eventually, startTestStack, TestStack } from '../support/stack';
import { FULL, IntercomWorld } from '../support/intercom-world';

/**
 * The worker goes away (deploy, crash) in the middle of a lifecycle: the workflow's state is
 * on the Temporal server, so a new worker picks it up where it stopped and the platform ends
 * right, with one effect per write.
 */
describe('worker restarted mid-lifecycle', () => {
  let stack: TestStack;
  let w: IntercomWorld;

  beforeAll(async () => {
    stack = await startTestStack({}, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
  });
  afterEach(async () => {
    await stack.intercom.faults.clear();
    if (!stack.app.worker) await stack.app.startWorker();
  });
  afterAll(() => stack?.stop());

  it('resumes with a new worker while a platform write is in flight', async () => {
    const { account } = await w.onboard('79500000001');
    await stack.intercom.faults.add({ kind: 'latency', ms: 1500, operation: 'setCapabilities' });
    const since = Date.now();

    await w.lb.block(account);
    const block = await w.send(account, 'block', { reason: 'manager' }, { wait: false });
    await eventually(() => w.platformRequests().some((r) => r.operation === 'setCapabilities' && r.at >= since));
    await stack.app.stopWorker();
    expect(stack.app.worker).toBeUndefined();
    // A graceful shutdown lets the write in flight finish: the block's door_key landed.
    expect(w.caps('79500000001', account)).toEqual(['door_key']);
    // The unblock arrives while no worker runs: it waits in the inbox for the next one.
    await stack.intercom.faults.clear();
    await w.lb.unblock(account);
    const unblock = await w.send(account, 'unblock', {}, { wait: false });
    expect(unblock.delivery).toBe('pending');
    await stack.app.startWorker();

    // A new worker first waits out the old one's sticky queue (schedule-to-start, ~10 s) and the
    // activity's backoff; on a loaded machine that can pass 20 s.
    const view = await eventually(async () => {
      const v = await w.api.getSubscriber('lanbilling', account);
      return v?.recent.some((r) => r.id === unblock.eventId) && v;
    }, 60_000);
    const ours = view.recent.filter((r) => r.id === block.eventId || r.id === unblock.eventId);
    expect(ours.map((r) => [r.id, r.outcome])).toEqual([
      [unblock.eventId, 'applied'],
      [block.eventId, 'applied'],
    ]);
    expect(view).toMatchObject({ status: 'active', pending: [] });
    expect(view.parked).toBeUndefined();
    expect(w.caps('79500000001', account)).toEqual(FULL);
    // The write in flight at the restart landed once: door_key for the block, then back for the unblock.
    expect(w.platformEvents(account).filter((e) => e.type === 'capabilities.changed').map((e) => [...(e.capabilities ?? [])].sort())).toEqual([['door_key'], FULL]);
  });

  /**
   * The API answers an event once a worker has taken it (update-with-start waits for the
   * workflow to accept the update), so with no worker the call is held and a caller with a
   * short timeout gives up first. The event is not lost: it is in the inbox, it is applied when
   * a worker returns, and sending the id again is a duplicate.
   */
  it('documents events sent while no worker runs: the call waits, the event is applied when a worker is back', async () => {
    const { account } = await w.onboard('79500000002');
    await stack.app.stopWorker();
    await w.lb.block(account);
    const event = { id: `hook-no-worker-${account}`, billing: 'lanbilling', account, type: 'block', reason: 'manager' };

    const impatient = new SubsyncClient({ baseUrl: stack.app.apiUrl, timeoutMs: 3000 });
    const error = await impatient.submitEvent(event).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SubsyncApiError);
    expect((error as SubsyncApiError).message).toMatch(/no answer within 3000 ms/);
    expect(await stack.app.store.getInbox(event.id)).toMatchObject({ id: event.id, deliveredAt: null });
    expect(w.caps('79500000002', account)).toEqual(FULL);

    await stack.app.startWorker();

    await eventually(async () => (await w.api.getSubscriber('lanbilling', account))?.recent.some((r) => r.id === event.id), 60_000);
    expect(w.caps('79500000002', account)).toEqual(['door_key']);
    const again = await w.api.submitEvent(event);
    expect(again.outcome).toBe('duplicate');
    expect((await w.appliedAudit(account)).filter((a) => a.eventId === event.id)).toHaveLength(1);
  });
});
