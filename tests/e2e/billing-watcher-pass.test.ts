import { delVgroup, setVgroupAddon } from '../../connectors/lanbilling';
import type { LifecycleEventInput } from '../../domain/events';
import { INTERCOM, LanbillingSeed } from '../../simulators/lanbilling';
import { LanbillingManager } from '../../simulators/lanbilling/manager';
import { eventually, startTestStack, TestStack } from '../support/stack';
import { startTvTestStack, TvTestStack } from '../support/tv-stack';
import { pollBillingOnce } from '../support/watcher';

/**
 * One watcher pass over LANBilling, poll by poll: what it reads (pages, full reads, SOAP calls)
 * and what it sends. The dispatcher only records the events, so no subscriber workflow runs
 * and every billing call counted is the watcher's.
 */

const ACCOUNTS = 40;

/** Active accounts with their intercom login and service, vgids 1..count. */
function seed(count: number): LanbillingSeed {
  return {
    accounts: Array.from({ length: count }, (_, i) => ({
      name: `Абонент ${i + 1}`,
      agreements: [
        {
          number: `P-${i + 1}`,
          balance: 1000,
          vgroups: [
            {
              vgid: i + 1,
              login: `vg-pass-${i + 1}`,
              agentid: INTERCOM.agentid,
              tarid: INTERCOM.tarid,
              address: `ул. Обхода 1, кв. ${i + 1}`,
              addons: { isvyaz_login: `7970100${String(i + 1).padStart(4, '0')}` },
              services: [{ catidx: INTERCOM.catidx, timefrom: '2026-01-01 00:00:00' }],
            },
          ],
        },
      ],
    })),
  };
}

function recordOnly(stack: TestStack): LifecycleEventInput[] {
  const sent: LifecycleEventInput[] = [];
  stack.app.dispatcher.dispatch = async (input) => {
    const event = input as LifecycleEventInput;
    sent.push(event);
    return { eventId: event.id, workflowId: `subscriber:${event.billing}:${event.account}`, outcome: 'accepted', position: 0 };
  };
  return sent;
}

describe('a watcher pass reads pages and only the accounts that changed', () => {
  let stack: TestStack;
  let lb: LanbillingManager;
  let sent: LifecycleEventInput[];

  beforeAll(async () => {
    stack = await startTestStack({}, { onlyStackConnectors: true });
    lb = new LanbillingManager(stack.lanbilling.url);
    stack.lanbilling.seed(seed(ACCOUNTS));
    sent = recordOnly(stack);
  });
  afterAll(() => stack?.stop());

  const poll = (sweepPerCycle = 0) => pollBillingOnce(stack, 'lanbilling', { pageSize: 10, sweepPerCycle });
  const sentSince = (mark: number) => sent.slice(mark).map((e) => `${e.type} ${e.account}`).sort();

  it('reads every account in full once on the first pass, and then nothing but the pages', async () => {
    const first = await poll();
    // Four full pages and the empty fifth that ends the list; two SOAP calls per full read.
    expect(first).toMatchObject({ accounts: ACCOUNTS, pages: 5, fullReads: ACCOUNTS, events: ACCOUNTS, gone: 0, swept: 0, failed: 0, resumed: false });
    expect(first.calls).toBe(first.pages + 2 * first.fullReads);
    expect(new Set(sent.map((e) => e.type))).toEqual(new Set(['create']));

    const mark = sent.length;
    const second = await poll();
    expect(second).toMatchObject({ accounts: ACCOUNTS, pages: 5, fullReads: 0, events: 0 });
    expect(second.calls).toBe(5);
    expect(sent.length).toBe(mark);
  });

  it('reads in full only what the page shows changed, and what left the list', async () => {
    await lb.block('3');
    await lb.block('17');
    await lb.switchOff('25');
    await delVgroup(lb.client, 40);
    // What the page read cannot show: a new login in the addon.
    await setVgroupAddon(lb.client, { vgid: 8, name: 'isvyaz_login', value: '79709999008', agentid: INTERCOM.agentid });
    const mark = sent.length;

    const pass = await poll();
    expect(sentSince(mark)).toEqual(['block 17', 'block 3', 'disable 25', 'disable 40']);
    // 39 live accounts: four pages, the last one short.
    expect(pass).toMatchObject({ accounts: 39, pages: 4, fullReads: 4, events: 4, gone: 1 });
    expect(pass.calls).toBe(pass.pages + 2 * pass.fullReads);

    // Gone once: the next pass does not look for it again.
    const again = await poll();
    expect(again).toMatchObject({ fullReads: 0, events: 0, gone: 0 });
  });

  it("finds what only a full read shows within one full sweep (accounts / sweepPerCycle polls)", async () => {
    const mark = sent.length;
    const swept = [await poll(20), await poll(20)];
    expect(swept.map((p) => p.swept)).toEqual([20, 20]);
    expect(swept.map((p) => p.calls)).toEqual([4 + 2 * 20, 4 + 2 * 20]);
    expect(sentSince(mark)).toEqual(['sync 8']);
    // The sweep goes on where it stopped: the least recently read accounts come first again.
    expect((await poll(5)).swept).toBe(5);
  });
});

describe('a watcher pass interrupted by a worker restart goes on from its last heartbeat', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // No grace: the stopped worker hands the running pass back at once, as one whose grace ran out
    // would (with the default 10 s grace the 60 accounts could be finished before the stop ends).
    stack = await startTestStack({ worker: { shutdownGraceMs: 0 } }, { onlyStackConnectors: true });
  });
  afterAll(() => stack?.stop());

  it('sends every change once and reads no account twice', async () => {
    const sent = recordOnly(stack);
    stack.lanbilling.seed(seed(60));
    await stack.lanbilling.faults.add({ kind: 'latency', ms: 200 });
    const result = pollBillingOnce(stack, 'lanbilling', { pageSize: 5, sweepPerCycle: 0 });
    await eventually(() => sent.length >= 20, 60_000);
    await stack.app.stopWorker();
    await stack.app.startWorker();
    const pass = await result;
    expect(pass.resumed).toBe(true);
    const ids = sent.map((e) => e.id);
    expect(new Set(ids).size).toBe(60);
    // Only a look cut short between sending and recording sends its id again (at most one per concurrent look).
    expect(ids.length - 60).toBeLessThanOrEqual(8);
  });
});

describe('a watcher pass over ISP-Integrator', () => {
  let stack: TvTestStack;

  beforeAll(async () => {
    stack = await startTvTestStack({}, { watchers: false });
  });
  afterAll(() => stack?.stop());

  it("reads the customer pages, then only the customer that changed, named by billing's change time", async () => {
    const sent = recordOnly(stack);
    const customers = (await stack.staff.listCustomers({ limit: 1000 })).items;
    const first = await pollBillingOnce(stack, 'isp-integrator', { sweepPerCycle: 0 });
    expect(first).toMatchObject({ accounts: customers.length, fullReads: customers.length, events: customers.length });
    expect(new Set(sent.map((e) => e.type))).toEqual(new Set(['create']));

    const customer = customers.find((c) => c.plans.some((p) => p.status === 'active'))!;
    const plan = customer.plans.find((p) => p.status === 'active')!;
    await stack.staff.updateContractedPlan({ customerId: customer.id, contractedPlanId: plan.id, status: 'suspended' });
    const mark = sent.length;
    const second = await pollBillingOnce(stack, 'isp-integrator', { sweepPerCycle: 0 });
    expect(second).toMatchObject({ accounts: customers.length, fullReads: 1, events: 1 });
    const [block] = sent.slice(mark);
    const changedAt = (await stack.staff.getAccount(customer.id)).changedAt!;
    expect(block).toMatchObject({ type: 'block', account: customer.id, id: `isp-integrator:${customer.id}:block:${changedAt.replace(/[^\w.:\-]/g, '_')}` });
  });
});
