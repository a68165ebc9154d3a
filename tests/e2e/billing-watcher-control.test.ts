import { startSubsync } from '../../runtime/app';
import { createLogger } from '../../runtime/logger';
import type { LanbillingSeed } from '../../simulators/lanbilling';
import { INTERCOM } from '../../simulators/lanbilling';
import { billingWatcherWorkflowId } from '../../workflows/billing-watcher';
import type { LifecycleEventInput } from '../../domain/events';
import { eventually, startTestStack, TestStack } from '../support/stack';

/**
 * Stopping a watcher stops it: its running poll honours cancellation (the workflow cancelled
 * when the config disables it, or terminated by an operator) and sends nothing more. Here the
 * dispatcher only records what the watcher sends, so that no subscriber workflow runs.
 */

/** `count` switched-off vgroups, each a new account for the watcher. */
function accounts(count: number): LanbillingSeed {
  return {
    accounts: Array.from({ length: count }, (_, i) => ({
      name: `Абонент ${i + 1}`,
      agreements: [{ number: `W-${i + 1}`, vgroups: [{ login: `vg-control-${i + 1}`, agentid: INTERCOM.agentid, tarid: INTERCOM.tarid, activated: false }] }],
    })),
  };
}

function recordOnly(stack: TestStack): { sent: LifecycleEventInput[]; at: number[] } {
  const sent: LifecycleEventInput[] = [];
  const at: number[] = [];
  stack.app.dispatcher.dispatch = async (input) => {
    const event = input as LifecycleEventInput;
    sent.push(event);
    at.push(Date.now());
    return { eventId: event.id, workflowId: `subscriber:${event.billing}:${event.account}`, outcome: 'accepted', position: 0 };
  };
  return { sent, at };
}

const workflowStatus = async (stack: TestStack) => (await stack.app.client.workflow.getHandle(billingWatcherWorkflowId('lanbilling')).describe()).status.name;

describe('a stopped billing watcher stops, its running poll too', () => {
  let stack: TestStack;

  beforeEach(async () => {
    stack = await startTestStack({ watch: { lanbilling: { enabled: true, intervalSeconds: 1, pageSize: 5 } } }, { onlyStackConnectors: true });
  });
  afterEach(() => stack?.stop());

  it('terminated mid-pass, the poll sends nothing more within seconds', async () => {
    const { sent, at } = recordOnly(stack);
    stack.lanbilling.seed(accounts(120));
    // Every billing call takes 400 ms: a pass over 120 new accounts takes about half a minute.
    await stack.lanbilling.faults.add({ kind: 'latency', ms: 400 });
    await eventually(() => sent.length >= 5, 30_000);
    const terminatedAt = Date.now();
    await stack.app.client.workflow.getHandle(billingWatcherWorkflowId('lanbilling')).terminate('test: an operator stops the watcher');

    // The poll learns it at its next heartbeat (at most 8 s, 80 % of the 10 s heartbeat timeout) and stops at its next step.
    await new Promise((r) => setTimeout(r, 15_000));
    const afterStop = sent.length;
    await new Promise((r) => setTimeout(r, 5_000));
    expect(sent.length).toBe(afterStop);
    expect(afterStop).toBeLessThan(120);
    expect(Math.max(...at) - terminatedAt).toBeLessThan(12_000);
  });

  it('disabled in the config, the running watcher is cancelled at the next start and its poll stops', async () => {
    const { sent } = recordOnly(stack);
    stack.lanbilling.seed(accounts(120));
    await stack.lanbilling.faults.add({ kind: 'latency', ms: 400 });
    await eventually(() => sent.length >= 5, 30_000);

    // subsync starts again (an API-only process here) with the watcher disabled.
    const config = { ...stack.app.config, watch: { lanbilling: { ...stack.app.config.watch.lanbilling!, enabled: false } }, metrics: { ...stack.app.config.metrics, port: 0 } };
    const restarted = await startSubsync(config, { logger: createLogger({ level: config.log.level }), worker: false, schedules: false, api: false });
    try {
      expect(await workflowStatus(stack)).toBe('CANCELLED');
      // Cancelling waits for the poll to stop: nothing is sent from now on.
      const afterStop = sent.length;
      await new Promise((r) => setTimeout(r, 5_000));
      expect(sent.length).toBe(afterStop);
      expect(afterStop).toBeLessThan(120);
    } finally {
      await restarted.stop();
    }
  });

  it('polls with a heartbeat timeout of seconds, so a dead worker\'s poll is retried soon', async () => {
    const handle = stack.app.client.workflow.getHandle(billingWatcherWorkflowId('lanbilling'));
    const scheduled = await eventually(async () => (await handle.fetchHistory()).events?.find((e) => e.activityTaskScheduledEventAttributes)?.activityTaskScheduledEventAttributes);
    expect(Number(scheduled!.heartbeatTimeout?.seconds ?? Infinity)).toBeLessThanOrEqual(10);
  });
});
