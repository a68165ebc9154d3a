import type { WatcherPollResult } from '../../activities/types';
import type { SubmitEventResponse } from '../../api/operations';
import { billingWatcherWorkflowId, BillingWatcherInput } from '../../workflows/billing-watcher';
import { eventually, TestStack } from './stack';

/**
 * Runs exactly one poll of the real billing watcher workflow: started (replacing any earlier
 * one, as subsync's start does) with an interval too long for a second poll, and awaited
 * until its poll activity completed. Tests that must order a hook and the watcher use this
 * instead of a running watcher, whose next poll could come at any moment. Answers what the
 * poll reported.
 */
export async function pollBillingOnce(stack: TestStack, billing = 'lanbilling', settings: Partial<BillingWatcherInput> = {}): Promise<WatcherPollResult> {
  const handle = await stack.app.client.workflow.start('billingWatcherWorkflow', {
    workflowId: billingWatcherWorkflowId(billing),
    taskQueue: stack.app.config.temporal.taskQueue,
    args: [{ billing, intervalSeconds: 3600, ...settings }],
    workflowIdConflictPolicy: 'TERMINATE_EXISTING',
  });
  const completed = await eventually(async () => (await handle.fetchHistory()).events?.find((e) => e.activityTaskCompletedEventAttributes)?.activityTaskCompletedEventAttributes, 30_000);
  const payload = completed?.result?.payloads?.[0]?.data;
  if (!payload) throw new Error('the watcher poll completed without a result');
  return JSON.parse(Buffer.from(payload).toString('utf8')) as WatcherPollResult;
}

/**
 * Records every answer of the stack's event dispatcher (the one the HTTP API and the watcher's
 * activity share), so a test can see what became of the events the watcher sent.
 */
export function recordDispatches(stack: TestStack): SubmitEventResponse[] {
  const answers: SubmitEventResponse[] = [];
  const dispatcher = stack.app.dispatcher;
  const dispatch = dispatcher.dispatch.bind(dispatcher);
  dispatcher.dispatch = async (input) => {
    const answer = await dispatch(input);
    answers.push(answer);
    return answer;
  };
  return answers;
}
