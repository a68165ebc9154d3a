import { eventStamp } from '../../activities/watcher-activities';
import { deterministicEventId } from '../../client/ts';
import type { BillingSystem } from '../../connectors/ports';
import { runSubsync } from '../support/cli';
import { eventually, startTestStack, TestStack } from '../support/stack';
import { FULL, IntercomWorld } from '../support/intercom-world';
import { pollBillingOnce, recordDispatches } from '../support/watcher';

/**
 * What a hook script would pass as --stamp: the stamp of the account's current state (api3 has
 * no change time for a vgroup, so it is the hash of what the watcher compares).
 */
async function changedAt(stack: TestStack, account: string): Promise<string> {
  const billing = stack.app.connectors.billing('lanbilling');
  return eventStamp(await billing.getAccount(account));
}

/**
 * A LANBilling manager changes accounts in billing's own UI and no hook script runs: the
 * watcher (polling every second here) notices each difference and the platform follows.
 */
describe('changes made in LANBilling itself reach the platform with no hook', () => {
  let stack: TestStack;
  let w: IntercomWorld;

  beforeAll(async () => {
    stack = await startTestStack({ watch: { lanbilling: { enabled: true, intervalSeconds: 1 } } }, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
    stack.intercom.seed({ profiles: [{ login: '79700000009', name: 'Уже на платформе', addresses: [] }] });
  });
  afterAll(() => stack?.stop());

  it('follows a manager who sets up, blocks and switches off an account', async () => {
    const { agrmid } = await w.lb.createCustomer('Без хука', 10_000);
    const account = await w.lb.createAccount(agrmid, '79700000001', 'кв. 1');
    await w.lb.activate(account);
    await w.lb.addIntercom(account);
    await eventually(() => w.caps('79700000001', account).join() === FULL.join());

    await w.lb.block(account);
    await eventually(() => w.caps('79700000001', account).join() === 'door_key');
    // The watcher's event, named the way a hook passing billing's change time would name it.
    const blockId = deterministicEventId({ billing: 'lanbilling', account, type: 'block', stamp: await changedAt(stack, account) });
    const view = await eventually(async () => {
      const v = await w.api.getSubscriber('lanbilling', account);
      return v?.recent.some((r) => r.type === 'block') && v;
    });
    expect(view).toMatchObject({ status: 'blocked', blockReason: 'manager' });
    expect(view.recent.filter((r) => r.type === 'block').map((r) => r.id)).toEqual([blockId]);

    await w.lb.switchOff(account);
    await eventually(() => !w.address('79700000001', account));
    expect(w.profile('79700000001')).toBeUndefined();
    // The workflow records the status once the command that removed the address has finished.
    const off = await eventually(async () => {
      const v = await w.api.getSubscriber('lanbilling', account);
      return v?.recent.some((r) => r.type === 'disable') && !v.current && v;
    });
    expect(off.status).toBe('disabled');
  });

  it('links a new account to the platform profile its login already has', async () => {
    const before = w.profile('79700000009')!;
    const { agrmid } = await w.lb.createCustomer('Уже на платформе', 10_000);
    const account = await w.lb.createAccount(agrmid, '79700000009', 'кв. 9');
    await w.lb.activate(account);
    await w.lb.addIntercom(account);

    await eventually(() => w.caps('79700000009', account).join() === FULL.join());
    expect(w.profile('79700000009')!.id).toBe(before.id);
    const platformEvents = stack.intercom.state().events.filter((e) => e.login === '79700000009').map((e) => e.type);
    expect(platformEvents).toContain('client.linked');
    expect(platformEvents).not.toContain('client.created');
  });
});

/**
 * Billing's hook and the watcher both report one change, each with the deterministic id
 * (billing, account, type, billing's change time): whichever comes second is a duplicate.
 * The watcher is polled once at a time here so that the hook surely comes first.
 */
describe('a hook and the watcher reporting one change have one effect', () => {
  let stack: TestStack;
  let w: IntercomWorld;

  beforeAll(async () => {
    stack = await startTestStack({}, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
  });
  afterAll(() => stack?.stop());

  it('answers the watcher "duplicate" for a create and a block the hook already sent', async () => {
    const answers = recordDispatches(stack);
    const { agrmid } = await w.lb.createCustomer('Хук и наблюдатель', 10_000);
    const account = await w.lb.createAccount(agrmid, '79700000002', 'кв. 2');
    await w.lb.activate(account);
    await w.lb.addIntercom(account);

    // The hook script: bin/subsync with billing's change time as --stamp.
    const createStamp = await changedAt(stack, account);
    const createId = deterministicEventId({ billing: 'lanbilling', account, type: 'create', stamp: createStamp });
    const hook = await runSubsync(stack.app.apiUrl, ['event', 'create', '--billing', 'lanbilling', '--account', account, '--stamp', createStamp, '--wait', '--timeout', '20000']);
    expect(hook).toMatchObject({ code: 0, stderr: '' });
    expect(hook.stdout).toMatch(new RegExp(`^accepted event ${createId.replace(/[.]/g, '\\.')} .*applied`));
    answers.length = 0;
    await pollBillingOnce(stack);
    expect(answers.filter((a) => a.workflowId === `subscriber:lanbilling:${account}`)).toEqual([expect.objectContaining({ eventId: createId, outcome: 'duplicate' })]);

    await w.lb.block(account);
    const blockId = deterministicEventId({ billing: 'lanbilling', account, type: 'block', stamp: await changedAt(stack, account) });
    const blocked = await w.api.submitEvent({ id: blockId, billing: 'lanbilling', account, type: 'block', reason: 'manager' }, { wait: true, timeoutMs: 20_000 });
    expect(blocked).toMatchObject({ outcome: 'accepted', status: 'applied' });
    answers.length = 0;
    await pollBillingOnce(stack);
    expect(answers.filter((a) => a.workflowId === `subscriber:lanbilling:${account}`)).toEqual([expect.objectContaining({ eventId: blockId, outcome: 'duplicate' })]);

    // One effect each: the platform saw one profile creation and one capability change.
    expect(w.caps('79700000002', account)).toEqual(['door_key']);
    expect(w.platformEvents(account).map((e) => e.type)).toEqual(['address.added', 'capabilities.changed']);
    // One applied audit row per event (the monthly charge the create started is a command of its own).
    expect((await w.appliedAudit(account)).filter((a) => a.action !== 'applied:charge')).toEqual([
      { eventId: createId, action: 'applied:create' },
      { eventId: blockId, action: 'applied:block' },
    ]);
  });
});
