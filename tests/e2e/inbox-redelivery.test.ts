import { SubsyncClient } from '../../client/ts';
import { LanbillingManager } from '../../simulators/lanbilling/manager';
import { eventually, startTestStack, TestStack } from '../support/stack';

/**
 * Billing must not hang, nor lose an event, while no worker runs (a deploy, a crash): the API
 * records the event, answers `delivery: pending` within the delivery timeout, and hands it to
 * Temporal later, in order with the subscriber's other events.
 */
describe('events sent while no worker runs', () => {
  let stack: TestStack;
  let api: SubsyncClient;
  let lb: LanbillingManager;

  beforeAll(async () => {
    stack = await startTestStack({ api: { deliveryTimeoutMs: 1500, redeliverEveryMs: 500 } }, { worker: false, onlyStackConnectors: true });
    api = new SubsyncClient({ baseUrl: stack.app.apiUrl, timeoutMs: 30_000 });
    lb = new LanbillingManager(stack.lanbilling.url);
  });
  afterAll(async () => stack?.stop());

  it('records them, answers at once, and applies them in order once a worker starts', async () => {
    const { agrmid } = await lb.createCustomer('Орлова', 1000);
    const vgid = await lb.createAccount(agrmid, '79001112233', 'кв. 7');
    await lb.activate(vgid);
    await lb.addIntercom(vgid);
    await lb.block(vgid);

    const first = await api.submitEvent({ id: `redeliver-create-${vgid}`, billing: 'lanbilling', account: vgid, type: 'create' }, { wait: true });
    expect(first).toMatchObject({ outcome: 'accepted', delivery: 'pending' });
    // A later event of the same subscriber waits behind the first instead of overtaking it.
    const second = await api.submitEvent({ id: `redeliver-block-${vgid}`, billing: 'lanbilling', account: vgid, type: 'block', reason: 'manager' });
    expect(second).toMatchObject({ outcome: 'accepted', delivery: 'pending' });
    // Sending the first again is still one event.
    expect((await api.submitEvent({ id: `redeliver-create-${vgid}`, billing: 'lanbilling', account: vgid, type: 'create' })).outcome).toBe('duplicate');
    expect((stack.intercom.state() as { profiles: unknown[] }).profiles).toHaveLength(0);

    await stack.app.startWorker();
    const view = await eventually(async () => {
      const s = await api.getSubscriber('lanbilling', vgid);
      return s && s.recent.length >= 2 ? s : undefined;
    }, 30_000);
    expect(view.recent.map((r) => r.id).reverse()).toEqual([`redeliver-create-${vgid}`, `redeliver-block-${vgid}`]);
    expect(view.status).toBe('blocked');
    const profile = (stack.intercom.state() as { profiles: { login: string; addresses: { capabilities: string[] }[] }[] }).profiles.find((p) => p.login === '79001112233');
    expect(profile?.addresses[0].capabilities).toEqual(['door_key']);
    expect(await stack.app.store.undelivered()).toHaveLength(0);
  });
});
