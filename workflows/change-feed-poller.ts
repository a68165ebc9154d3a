import { condition, continueAsNew, defineQuery, defineSignal, getExternalWorkflowHandle, proxyActivities, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ChangeFeedActivities, ChangeFeedPollResult } from '../activities/outbox-types';
import { outboxChangedSignal, outboxDeliveryWorkflowId } from './outbox-delivery';

const POLL_OPTIONS = {
  // A poll reads up to its page budget; a slow source still heartbeats after each page.
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
} as const;

const activities = proxyActivities<ChangeFeedActivities>(POLL_OPTIONS);

export const changeFeedPollerWorkflowType = 'changeFeedPollerWorkflow';
export const changeFeedPollerWorkflowId = (source: string) => `change-feed:${source}`;

/** Poll now instead of at the next interval. */
export const pollNowSignal = defineSignal('pollNow');

export interface ChangeFeedPollerView {
  source: string;
  polls: number;
  changes: number;
  messages: number;
  lastPollAt?: string;
  lastByFeed: Record<string, { changes: number; messages: number; held: number }>;
}
export const changeFeedPollerQuery = defineQuery<ChangeFeedPollerView>('changeFeedPoller');

export interface ChangeFeedPollerInput {
  source: string;
  feeds: string[];
  intervalSeconds: number;
  carried?: ChangeFeedPollerView;
}

/**
 * Polls one source's change feeds at an interval, forever (continuing as new to keep its history
 * short). Each poll of each feed is one activity, shown in the UI; what it stored wakes the
 * delivery loops of the endpoints that got messages. The cursor lives in the store.
 */
export async function changeFeedPollerWorkflow(input: ChangeFeedPollerInput): Promise<void> {
  const view: ChangeFeedPollerView = input.carried ?? { source: input.source, polls: 0, changes: 0, messages: 0, lastByFeed: {} };
  let pollNow = false;
  setHandler(pollNowSignal, () => {
    pollNow = true;
  });
  setHandler(changeFeedPollerQuery, () => view);
  for (;;) {
    pollNow = false;
    let more = false;
    for (const feed of input.feeds) {
      const r: ChangeFeedPollResult = await activities.pollChangeFeed.executeWithOptions({ ...POLL_OPTIONS, summary: `poll ${feed} of ${input.source}` }, [{ source: input.source, feed }]);
      view.polls++;
      view.changes += r.newChanges;
      view.messages += r.messages;
      view.lastByFeed[feed] = { changes: r.newChanges, messages: r.messages, held: r.held };
      more ||= r.more;
      for (const endpoint of r.endpoints) await wake(endpoint);
    }
    view.lastPollAt = new Date().toISOString();
    setCurrentDetails(describe(view));
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 2000) {
      await continueAsNew<typeof changeFeedPollerWorkflow>({ ...input, carried: view });
    }
    if (!more) await condition(() => pollNow, input.intervalSeconds * 1000);
  }
}

/** Signals an endpoint's delivery loop; one that is not running picks the messages up when it starts. */
async function wake(endpoint: string): Promise<void> {
  try {
    await getExternalWorkflowHandle(outboxDeliveryWorkflowId(endpoint)).signal(outboxChangedSignal);
  } catch {
    // Not running (disabled in the config, or not started yet): the messages wait in the outbox.
  }
}

function describe(v: ChangeFeedPollerView): string {
  const feeds = Object.entries(v.lastByFeed)
    .map(([feed, f]) => `${feed}: ${f.changes} new changes, ${f.messages} messages${f.held ? `, ${f.held} held for the rest of a transaction` : ''}`)
    .join('\n');
  return `Polls ${v.source}: ${v.polls} polls, ${v.changes} changes, ${v.messages} messages so far (last poll ${v.lastPollAt})\n${feeds}`;
}
