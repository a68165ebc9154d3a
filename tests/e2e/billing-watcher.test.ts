import { deterministicEventId } from '../../client/ts';
import { runSubsync } from '../support/cli';
import { eventually, startTestStack, TestStack } from '../support/stack';
import { FULL, IntercomWorld } from '../support/intercom-world';
import { pollBillingOnce, recordDispatches } from '../support/watcher';

/**
 * The stamp a hook names its event with (`subsync event … --stamp-from-billing` asks for it):
 * that of the account's current state, as subsync recorded it when it noticed the change.
 */
async function stampNow(w: IntercomWorld, account: string): Promise<string> {
  return (await w.api.observeAccount('lanbilling', account)).stamp;
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
    const view = await eventually(async () => {
      const v = await w.api.getSubscriber('lanbilling', account);
      return v?.recent.some((r) => r.type === 'block') && v;
    });
    expect(view).toMatchObject({ status: 'blocked', blockReason: 'manager' });
    // The watcher's event, named the way a hook asking for billing's stamp names it.
    const blockId = deterministicEventId({ billing: 'lanbilling', account, type: 'block', stamp: await stampNow(w, account) });
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
 * Billing's hook and the watcher both report one change, each with the id subsync derives from
 * the account and the change (its number and the state it led to): whichever comes second is a
 * duplicate, or finds the change recorded and sends nothing. The watcher is polled once at a
 * time here so that the order is the test's.
 */
describe('a hook and the watcher reporting one change have one effect', () => {
  let stack: TestStack;
  let w: IntercomWorld;

  beforeAll(async () => {
    stack = await startTestStack({}, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
  });
  afterAll(() => stack?.stop());

  const forAccount = <T extends { workflowId: string }>(answers: T[], account: string): T[] => answers.filter((a) => a.workflowId === `subscriber:lanbilling:${account}`);

  it('hook first: the watcher finds the create and the block recorded and sends nothing', async () => {
    const answers = recordDispatches(stack);
    const { agrmid } = await w.lb.createCustomer('Хук и наблюдатель', 10_000);
    const account = await w.lb.createAccount(agrmid, '79700000002', 'кв. 2');
    await w.lb.activate(account);
    await w.lb.addIntercom(account);

    // The hook script: bin/subsync asking subsync for billing's stamp of the change.
    const hook = await runSubsync(stack.app.apiUrl, ['event', 'create', '--billing', 'lanbilling', '--account', account, '--stamp-from-billing', '--wait', '--timeout', '20000']);
    expect(hook).toMatchObject({ code: 0, stderr: '' });
    const createId = deterministicEventId({ billing: 'lanbilling', account, type: 'create', stamp: await stampNow(w, account) });
    expect(createId).toMatch(/:create:1-[0-9a-f]{12}$/);
    // subsync's look at the account sent the create under this id; the hook's own create is its duplicate.
    expect(hook.stdout).toMatch(new RegExp(`^duplicate event ${createId.replace(/[.]/g, '\\.')} .*applied`));
    answers.length = 0;
    await pollBillingOnce(stack);
    expect(forAccount(answers, account)).toEqual([]);

    await w.lb.block(account);
    const blocked = await runSubsync(stack.app.apiUrl, ['event', 'block', '--billing', 'lanbilling', '--account', account, '--reason', 'manager', '--stamp-from-billing', '--wait', '--timeout', '20000']);
    expect(blocked).toMatchObject({ code: 0, stderr: '' });
    const blockId = deterministicEventId({ billing: 'lanbilling', account, type: 'block', stamp: await stampNow(w, account) });
    expect(blockId).toMatch(/:block:2-[0-9a-f]{12}$/);
    answers.length = 0;
    await pollBillingOnce(stack);
    expect(forAccount(answers, account)).toEqual([]);

    // One effect each: the platform saw one address and one capability change.
    expect(w.caps('79700000002', account)).toEqual(['door_key']);
    expect(w.platformEvents(account).map((e) => e.type)).toEqual(['address.added', 'capabilities.changed']);
    // One applied audit row per event (the monthly charge the create started is a command of its own).
    expect((await w.appliedAudit(account)).filter((a) => a.action !== 'applied:charge')).toEqual([
      { eventId: createId, action: 'applied:create' },
      { eventId: blockId, action: 'applied:block' },
    ]);
  });

  it("watcher first: the hook's event is a duplicate of the watcher's", async () => {
    const answers = recordDispatches(stack);
    const { agrmid } = await w.lb.createCustomer('Наблюдатель первым', 10_000);
    const account = await w.lb.createAccount(agrmid, '79700000003', 'кв. 3');
    await w.lb.activate(account);
    await w.lb.addIntercom(account);
    await pollBillingOnce(stack);
    await eventually(() => w.caps('79700000003', account).join() === FULL.join());

    await w.lb.block(account);
    answers.length = 0;
    await pollBillingOnce(stack);
    const [watcherBlock] = forAccount(answers, account);
    expect(watcherBlock).toMatchObject({ outcome: 'accepted', eventId: expect.stringMatching(/:block:2-/) });

    const hook = await runSubsync(stack.app.apiUrl, ['event', 'block', '--billing', 'lanbilling', '--account', account, '--reason', 'manager', '--stamp-from-billing', '--json']);
    expect(hook.code).toBe(0);
    expect(JSON.parse(hook.stdout)).toMatchObject({ eventId: watcherBlock!.eventId, outcome: 'duplicate' });
    await eventually(() => w.caps('79700000003', account).join() === 'door_key');
    expect(w.platformEvents(account).filter((e) => e.type === 'capabilities.changed')).toHaveLength(1);
  });

  it('sends nothing for an account billing has never had, and says billing does not know it', async () => {
    const answers = recordDispatches(stack);
    await expect(w.api.observeAccount('lanbilling', '99999')).rejects.toMatchObject({ message: expect.stringContaining('not found') });
    expect(forAccount(answers, '99999')).toEqual([]);
  });

  it('block, unblock and block again in billing are three changes with three effects', async () => {
    const answers = recordDispatches(stack);
    const { agrmid } = await w.lb.createCustomer('Дважды заблокирован', 10_000);
    const account = await w.lb.createAccount(agrmid, '79700000004', 'кв. 4');
    await w.lb.activate(account);
    await w.lb.addIntercom(account);
    await pollBillingOnce(stack);
    await eventually(() => w.caps('79700000004', account).join() === FULL.join());

    answers.length = 0;
    const steps: [() => Promise<unknown>, string][] = [
      [() => w.lb.block(account), 'door_key'],
      [() => w.lb.unblock(account), FULL.join()],
      [() => w.lb.block(account), 'door_key'],
    ];
    for (const [change, caps] of steps) {
      await change();
      await pollBillingOnce(stack);
      await eventually(() => w.caps('79700000004', account).join() === caps);
    }
    const sent = forAccount(answers, account);
    expect(sent.map((a) => a.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(sent.map((a) => a.eventId.split(':')[2])).toEqual(['block', 'unblock', 'block']);
    expect(new Set(sent.map((a) => a.eventId)).size).toBe(3);
    expect(w.platformEvents(account).filter((e) => e.type === 'capabilities.changed')).toHaveLength(3);
  });
});
