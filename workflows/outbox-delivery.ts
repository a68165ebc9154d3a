import { condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DeliveryActivities, DeliveryBatchResult } from '../activities/outbox-types';

const activities = proxyActivities<DeliveryActivities>({
  // A batch of slow endpoint answers (each up to its timeout) takes minutes; heartbeats show it is alive.
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const outboxDeliveryWorkflowType = 'outboxDeliveryWorkflow';
export const outboxDeliveryWorkflowId = (endpoint: string) => `outbox-delivery:${endpoint}`;

/** New messages are in the outbox, or an operator changed something (enable, resend, recover): look now. */
export const outboxChangedSignal = defineSignal('outboxChanged');

export interface DeliveryLoopView {
  endpoint: string;
  batches: number;
  delivered: number;
  retrying: number;
  gaveUp: number;
  disabled: boolean;
  disabledReason?: string;
  pausedUntil?: string;
  nextWakeAt?: string;
  lastError?: string;
}
export const deliveryLoopQuery = defineQuery<DeliveryLoopView>('deliveryLoop');

export interface OutboxDeliveryInput {
  endpoint: string;
  /** Sleep at most this long with nothing due, then look again (the store may have changed without a signal). */
  maxIdleSeconds?: number;
  /** Totals handed over by continue-as-new. */
  carried?: DeliveryLoopView;
}

/**
 * One endpoint's delivery loop. Temporal orchestrates batches; the store decides what is due:
 * each batch is one activity (visible in the UI with what it did), and between batches the loop
 * sleeps until the earliest next attempt the store reports, or until signalled.
 */
export async function outboxDeliveryWorkflow(input: OutboxDeliveryInput): Promise<void> {
  const maxIdleMs = (input.maxIdleSeconds ?? 3600) * 1000;
  const view: DeliveryLoopView = input.carried ?? { endpoint: input.endpoint, batches: 0, delivered: 0, retrying: 0, gaveUp: 0, disabled: false };
  let changed = false;
  setHandler(outboxChangedSignal, () => {
    changed = true;
  });
  setHandler(deliveryLoopQuery, () => view);
  for (;;) {
    // Cleared before the batch: a signal that arrives while it runs makes the loop look again.
    changed = false;
    const r: DeliveryBatchResult = await activities.deliverDueMessages.executeWithOptions(
      { startToCloseTimeout: '15 minutes', heartbeatTimeout: '2 minutes', retry: { initialInterval: '1 second', maximumInterval: '1 minute' }, summary: `deliver due messages to ${input.endpoint}` },
      [{ endpoint: input.endpoint }],
    );
    record(view, r);
    setCurrentDetails(describe(view));
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 2000) {
      await continueAsNew<typeof outboxDeliveryWorkflow>({ ...input, carried: view });
    }
    if (r.more) continue;
    if (r.disabled) {
      // Only an operator (or a new config) enables it again, and either one signals.
      await condition(() => changed, maxIdleMs);
      continue;
    }
    const wait = r.wakeAt === undefined ? maxIdleMs : Math.min(maxIdleMs, Math.max(0, r.wakeAt - Date.now()));
    if (wait > 0) await condition(() => changed, wait);
  }
}

function record(view: DeliveryLoopView, r: DeliveryBatchResult): void {
  view.batches++;
  view.delivered += r.delivered;
  view.retrying += r.retrying;
  view.gaveUp += r.gaveUp;
  view.disabled = r.disabled;
  view.disabledReason = r.disabledReason;
  view.pausedUntil = r.pausedUntil === undefined ? undefined : new Date(r.pausedUntil).toISOString();
  view.nextWakeAt = r.wakeAt === undefined ? undefined : new Date(r.wakeAt).toISOString();
  if (r.lastError) view.lastError = r.lastError;
}

function describe(v: DeliveryLoopView): string {
  const state = v.disabled ? `DISABLED: ${v.disabledReason ?? ''}` : v.pausedUntil ? `backing off until ${v.pausedUntil}` : v.nextWakeAt ? `next delivery due ${v.nextWakeAt}` : 'nothing waiting';
  return [`Delivers to ${v.endpoint}: ${state}`, `${v.batches} batches, ${v.delivered} delivered, ${v.retrying} retries, ${v.gaveUp} given up`, v.lastError ? `last error: ${v.lastError}` : ''].filter(Boolean).join('\n');
}
