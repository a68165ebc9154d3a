import type { UsageRunStatus } from '../../api/operations';
import { usageAmountCents, usageChargeKey } from '../../activities/usage-billing-activities';
import { MEETING_PARENT_LICENSE, PARENT_HOLDER } from '../../simulators/meeting-demo';
import type { Payment } from '../../simulators/lanbilling';
import type { UsageBillingInput, UsageBillingResult } from '../../workflows/usage-billing';
import { usageProgressQuery } from '../../workflows/usage-billing';
import { runSubsync } from '../support/cli';
import { MeetingTestStack, MeetingWorld, startMeetingTestStack } from '../support/meeting-stack';
import { eventually } from '../support/stack';

const PRICE_PER_MINUTE = 0.5;
const POOR_PARENT = '100777';

/**
 * Month-end usage billing end to end: FastViewer (XML-RPC simulator) holds a month of sessions
 * of child licenses under the parent license; subsync charges each child's seconds to the
 * LANBilling contract holding the parent (SOAP simulator), itemised per child license with an
 * idempotency key per parent, child and month. A dry run charges nothing, a re-run charges
 * nothing twice, and a run interrupted (billing failing mid-page, the worker gone mid-run)
 * resumes and ends with exactly one charge per child.
 */
describe('month-end usage billing: FastViewer session seconds → the parent holder in LANBilling', () => {
  let stack: MeetingTestStack;
  let w: MeetingWorld;

  beforeAll(async () => {
    // Small pages so that a month of a few licenses is several activities; a second parent license, held by an account with no money.
    stack = await startMeetingTestStack(
      { usageBilling: { pageSize: 3, concurrency: 4, services: { meeting: { parents: { [POOR_PARENT]: { billing: 'lanbilling', account: '800', agreement: '80' } } } } } },
      { beforeStart: ({ fastviewer }) => (fastviewer.seed({ resellers: [{ user: 'subsync', key: 'fastviewer-sim-key', parents: [{ licenseNumber: POOR_PARENT, name: 'Second parent' }] }] }), {}) },
    );
    w = new MeetingWorld(stack);
    stack.lanbilling.seed({
      accounts: [
        { uid: 9, type: 1, name: 'ООО Телемост', email: 'billing@telemost.example', agreements: [{ agrmid: PARENT_HOLDER.agrmid, number: 'A-0090', balance: 1_000_000, vgroups: [{ vgid: PARENT_HOLDER.vgid, login: 'telemost', tarid: 1 }] }] },
        { uid: 8, type: 1, name: 'ООО Мало денег', agreements: [{ agrmid: 80, number: 'A-0080', balance: 0, vgroups: [{ vgid: 800, login: 'poor', tarid: 1 }] }] },
      ],
    });
  });
  afterEach(async () => {
    await stack.lanbilling.faults.clear();
    if (!stack.app.worker) await stack.app.startWorker();
  });
  afterAll(async () => stack?.stop());

  const monthRange = (month: string) => ({ from: `${month}-01T00:00:00Z`, to: new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 1)).toISOString() });
  const payments = (month: string): Payment[] => stack.lanbilling.state().payments.filter((p) => p.receipt.startsWith('usage:') && p.receipt.endsWith(`:${month}`));

  /** Each child's seconds in the month, summed here from the simulator's session records (not its totals). */
  function expectedSeconds(month: string): Map<string, number> {
    const { from, to } = monthRange(month);
    const { records } = stack.fastviewer.platform.usage.sessions({ parentLicense: MEETING_PARENT_LICENSE }, Date.parse(from) / 1000, Date.parse(to) / 1000, 1_000_000);
    const seconds = new Map<string, number>();
    for (const r of records) seconds.set(r.licenseNumber, (seconds.get(r.licenseNumber) ?? 0) + r.secondsInPeriod);
    return seconds;
  }

  async function finished(workflowId: string): Promise<UsageRunStatus> {
    return eventually(async () => {
      const run = await w.api.getUsageRun(workflowId);
      return run && run.status !== 'RUNNING' ? run : undefined;
    }, 90_000, 250);
  }

  it('prints a dry run, charges each child license once to the parent holder, stores the summary, and a re-run charges nothing twice', async () => {
    const month = '2026-03';
    const generated = stack.fastviewer.generateUsage({ parentLicense: MEETING_PARENT_LICENSE, licenses: 7, sessionsPerLicense: 4, ...monthRange(month), seed: 3 });
    const seconds = expectedSeconds(month);
    expect(seconds.size).toBe(7);
    const totalCents = [...seconds.values()].reduce((sum, s) => sum + usageAmountCents(s, PRICE_PER_MINUTE), 0);

    // Dry run through the CLI: what would be charged, nothing charged.
    const dry = await runSubsync(stack.app.apiUrl, ['usage', 'run', '--month', month, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing was charged');
    expect(dry.stdout).toMatch(new RegExp(`meeting\\s+${MEETING_PARENT_LICENSE}\\s+lanbilling:${PARENT_HOLDER.vgid}\\s+7\\s+${generated.seconds}\\s+7 \\(${(totalCents / 100).toFixed(2)}\\)`));
    const [someLicense, someSeconds] = [...seconds][0];
    expect(dry.stdout).toContain(usageChargeKey({ service: 'meeting', parent: MEETING_PARENT_LICENSE }, someLicense, month));
    expect(dry.stdout).toMatch(new RegExp(`${someLicense}\\s+4\\s+${someSeconds}\\s+${(usageAmountCents(someSeconds, PRICE_PER_MINUTE) / 100).toFixed(2)}`));
    expect(payments(month)).toEqual([]);

    // The real run, through the HTTP API.
    const started = await w.api.startUsageRun({ month });
    expect(started).toMatchObject({ workflowId: `usage-billing:${month}`, month, dryRun: false });
    const run = await finished(started.workflowId);
    expect(run.status).toBe('COMPLETED');
    // Both runs are in the audit trail, under the credential that started them.
    const audited = (await stack.app.store.auditTrail('@usage-billing')).filter((a) => a.detail?.month === month);
    expect(audited.map((a) => [a.action, a.detail?.dryRun, /^test-stack \(/.test(a.actor ?? '')])).toEqual([
      ['usage.run', false, true],
      ['usage.run', true, true],
    ]);
    expect(run.result!.parents.map((p) => [p.parent, p.items])).toEqual([[MEETING_PARENT_LICENSE, 7], [POOR_PARENT, 0]]);
    const parent = run.result!.parents[0];
    expect(parent).toMatchObject({ parent: MEETING_PARENT_LICENSE, billing: 'lanbilling', account: String(PARENT_HOLDER.vgid), agreement: String(PARENT_HOLDER.agrmid), items: 7, sessions: 28, seconds: generated.seconds, charged: 7, chargedAmount: totalCents, existing: 0, unpaid: 0, failed: 0 });

    // Itemised per child license on the parent holder's contract, each with its key.
    const booked = payments(month);
    expect(booked).toHaveLength(7);
    for (const [license, s] of seconds) {
      const key = usageChargeKey({ service: 'meeting', parent: MEETING_PARENT_LICENSE }, license, month);
      expect(booked.filter((p) => p.receipt === key)).toEqual([expect.objectContaining({ agrmid: PARENT_HOLDER.agrmid, amount: -usageAmountCents(s, PRICE_PER_MINUTE) / 100, comment: `FastViewer, license ${license}, ${month}: ${s} s` })]);
    }
    const stored = (await w.api.listUsageSummaries(month)).find((r) => r.parent === MEETING_PARENT_LICENSE);
    expect(stored).toMatchObject({ month, service: 'meeting', parent: MEETING_PARENT_LICENSE, items: 7, seconds: generated.seconds, charged: 7, chargedAmount: (totalCents / 100).toFixed(2), existing: 0, workflowId: started.workflowId });

    // Re-running the month charges nothing: every item is found charged.
    const again = await finished((await w.api.startUsageRun({ month })).workflowId);
    expect(again.result!.parents[0]).toMatchObject({ items: 7, charged: 0, chargedAmount: 0, existing: 7, existingAmount: totalCents });
    expect(payments(month)).toHaveLength(7);
    const summary = await runSubsync(stack.app.apiUrl, ['usage', 'summary', '--month', month]);
    expect(summary.stdout).toMatch(/meeting\s+100001\s+lanbilling:900\s+7\s+\d+\s+[\d.]+\s+0 \(0\.00\)\s+7 \(/);
  });

  it('resumes a run interrupted half-way, by billing failing mid-page and by the worker going away, with one charge per child', async () => {
    const month = '2026-04';
    stack.fastviewer.generateUsage({ parentLicense: MEETING_PARENT_LICENSE, licenses: 9, sessionsPerLicense: 2, ...monthRange(month), seed: 4 });
    const seconds = expectedSeconds(month);
    // Billing answers one charge with a 503 while the other of its pair goes through (the page's retry must neither
    // charge nor count that one again), and every charge slowly.
    await stack.lanbilling.faults.add({ kind: 'status', operation: 'Payment', status: 503, times: 1 });
    await stack.lanbilling.faults.add({ kind: 'latency', operation: 'Payment', ms: 150 });

    // Two pages per run, so the run also continues as new on the way.
    const workflowId = `usage-billing:${month}:interrupted`;
    const input: UsageBillingInput = { month, pageSize: 3, pagesPerRun: 2, concurrency: 2 };
    const handle = await stack.app.client.workflow.start('usageBillingWorkflow', { workflowId, taskQueue: stack.app.config.temporal.taskQueue, args: [input] });
    await eventually(async () => (await handle.query(usageProgressQuery)).pages >= 1, 60_000, 100);
    await stack.app.stopWorker();
    const halfway = payments(month).length;
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(9);
    await stack.lanbilling.faults.clear();
    await stack.app.startWorker();

    const result = (await stack.app.client.workflow.getHandle(workflowId).result()) as UsageBillingResult;
    expect(result.parents.find((p) => p.parent === MEETING_PARENT_LICENSE)).toMatchObject({ items: 9, charged: 9, existing: 0, failed: 0, seconds: [...seconds.values()].reduce((a, b) => a + b, 0) });
    const booked = payments(month);
    expect(booked).toHaveLength(9);
    expect(new Set(booked.map((p) => p.receipt)).size).toBe(9);
    // Three pages of the first parent, one (empty) of the second.
    expect(result.pages).toBe(4);
  });

  it('counts an item billing cannot pay as unpaid and charges it on a later run once the holder has paid', async () => {
    const month = '2026-05';
    stack.fastviewer.generateUsage({ parentLicense: POOR_PARENT, licenses: 2, sessionsPerLicense: 1, ...monthRange(month), seed: 5, minSeconds: 600, maxSeconds: 600 });
    const poorPayments = () => stack.lanbilling.state().payments.filter((p) => p.agrmid === 80 && p.amount < 0).map((p) => p.amount);

    const first = await finished((await w.api.startUsageRun({ month })).workflowId);
    // 600 s at 0.50 a minute is 5.00 per license; the holder has nothing.
    expect(first.result!.parents.find((p) => p.parent === POOR_PARENT)).toMatchObject({ items: 2, charged: 0, unpaid: 2, unpaidAmount: 1000 });
    expect(poorPayments()).toEqual([]);

    await w.lb.pay(80, 20);
    const second = await finished((await w.api.startUsageRun({ month })).workflowId);
    expect(second.result!.parents.find((p) => p.parent === POOR_PARENT)).toMatchObject({ charged: 2, chargedAmount: 1000, unpaid: 0, existing: 0 });
    expect(poorPayments()).toEqual([-5, -5]);
  });

  it('reports a parent the platform does not know and bills the others', async () => {
    const month = '2026-06';
    // The reseller's second parent license is gone at FastViewer (reset keeps the default parent only).
    stack.fastviewer.reset();
    stack.fastviewer.generateUsage({ parentLicense: MEETING_PARENT_LICENSE, licenses: 1, sessionsPerLicense: 1, ...monthRange(month), seed: 6 });
    const run = await finished((await w.api.startUsageRun({ month })).workflowId);
    expect(run.status).toBe('COMPLETED');
    expect(run.result!.parents.find((p) => p.parent === MEETING_PARENT_LICENSE)).toMatchObject({ items: 1, charged: 1 });
    expect(run.result!.parents.find((p) => p.parent === POOR_PARENT)).toMatchObject({ items: 0, error: expect.stringMatching(/^Permanent\.not_found: .*PARENT_NOT_FOUND/) });
    expect((await w.api.listUsageSummaries(month)).find((r) => r.parent === POOR_PARENT)?.error).toMatch(/PARENT_NOT_FOUND/);
  });
});
