import { Client, isGrpcServiceError, WithStartWorkflowOperation, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { describeIssues, LifecycleEvent, lifecycleEventSchema } from '../domain/events';
import { SubsyncBilling, SubsyncStatus, SubsyncSubscriber } from '../domain/search-attributes';
import { SubscriberKey, subscriberId, subscriberWorkflowId } from '../domain/subscriber';
import type { Logger } from '../domain/logger';
import { recordEvent, recordRejectedEvent, setKnownBillingSystems } from '../metrics';
import type { Store } from '../store/store';
import { submitEventUpdate, subscriberWorkflowType, SubmitResult } from '../workflows/definitions';
import type { subscriberWorkflow } from '../workflows/subscriber';
import { EventConflictError, InvalidEventError, SubmitEventResponse } from './operations';

/**
 * Delivers lifecycle events to subscriber workflows. Used by the HTTP API and by the billing
 * watcher alike, so both paths validate, record and deduplicate the same way: the event is
 * written to the inbox first, then sent as an update-with-start whose update id is the event
 * id (Temporal itself drops a second delivery of the same id).
 */
export class EventDispatcher {
  constructor(
    private readonly deps: {
      client: Client;
      store: Store;
      taskQueue: string;
      billingSystems: string[];
      logger: Logger;
      /** How long a delivery may wait for a worker before the event is left to the inbox redelivery. */
      deliveryTimeoutMs?: number;
    },
  ) {
    setKnownBillingSystems(deps.billingSystems);
  }

  parse(input: unknown): LifecycleEvent {
    const r = lifecycleEventSchema.safeParse(input);
    if (!r.success) throw new InvalidEventError(describeIssues(r.error).map(splitIssue));
    if (!this.deps.billingSystems.includes(r.data.billing)) {
      throw new InvalidEventError([{ path: 'billing', message: `no billing system named "${r.data.billing}"; configured: ${this.deps.billingSystems.join(', ')}` }]);
    }
    return r.data;
  }

  async dispatch(input: unknown): Promise<SubmitEventResponse> {
    let event: LifecycleEvent;
    try {
      event = this.parse(input);
    } catch (err) {
      recordRejectedEvent(input);
      throw err;
    }
    try {
      const response = await this.accept(event);
      recordEvent(event, response.outcome, { deferred: response.delivery === 'pending' && response.outcome === 'accepted' });
      return response;
    } catch (err) {
      if (err instanceof EventConflictError) recordEvent(event, 'conflict');
      throw err;
    }
  }

  private async accept(event: LifecycleEvent): Promise<SubmitEventResponse> {
    const key: SubscriberKey = { billing: event.billing, account: event.account };
    const workflowId = subscriberWorkflowId(key);
    const inbox = await this.deps.store.recordInbox({ id: event.id, subscriberId: subscriberId(key), type: event.type, payload: event as Record<string, unknown> });
    if (inbox.outcome === 'conflict') throw new EventConflictError(event.id);
    if (inbox.outcome === 'duplicate' && inbox.delivered) return { eventId: event.id, workflowId, outcome: 'duplicate', position: 0 };
    const pending = { eventId: event.id, workflowId, outcome: inbox.outcome === 'duplicate' ? 'duplicate' : 'accepted', position: 0, delivery: 'pending' } as const;
    // An older event of this subscriber is still waiting in the inbox: this one queues behind it.
    if (await this.deps.store.hasUndeliveredBefore(subscriberId(key), event.id)) return pending;
    let result: SubmitResult;
    try {
      result = await this.deliverAndMark(key, event);
    } catch (err) {
      if (!isDeliveryTimeout(err)) throw err;
      this.deps.logger.warn({ workflowId, eventId: event.id }, 'no worker took the event in time; it stays in the inbox for redelivery');
      return pending;
    }
    return { eventId: event.id, workflowId, outcome: inbox.outcome === 'duplicate' ? 'duplicate' : result.outcome, position: result.position };
  }

  /** Delivers an event the inbox already holds (runtime/inbox-redelivery.ts). */
  async redeliver(payload: unknown): Promise<void> {
    const event = this.parse(payload);
    await this.deliverAndMark({ billing: event.billing, account: event.account }, event);
  }

  private async deliverAndMark(key: SubscriberKey, event: LifecycleEvent): Promise<SubmitResult> {
    const deadline = Date.now() + (this.deps.deliveryTimeoutMs ?? 10_000);
    const result = await this.deps.client.withDeadline(deadline, () => this.deliver(key, event));
    await this.deps.store.markDelivered(event.id);
    this.deps.logger.info({ workflowId: subscriberWorkflowId(key), eventId: event.id, type: event.type, outcome: result.outcome }, 'event delivered');
    return result;
  }

  private async deliver(key: SubscriberKey, event: LifecycleEvent): Promise<SubmitResult> {
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof subscriberWorkflow>(subscriberWorkflowType, {
      workflowId: subscriberWorkflowId(key),
      taskQueue: this.deps.taskQueue,
      args: [{ key }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `Subscriber ${key.account} in ${key.billing}`,
      staticDetails: `Lifecycle of billing account ${key.account} (${key.billing}): events applied in order to every platform.`,
      typedSearchAttributes: [
        { key: SubsyncSubscriber, value: subscriberId(key) },
        { key: SubsyncBilling, value: key.billing },
        { key: SubsyncStatus, value: 'new' },
      ],
    });
    return this.deps.client.workflow.executeUpdateWithStart(submitEventUpdate, { args: [event], updateId: event.id, startWorkflowOperation });
  }
}

function isDeliveryTimeout(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(e) && (e.code === 4 || e.code === 1)) return true; // DEADLINE_EXCEEDED, CANCELLED
  }
  return false;
}

function splitIssue(line: string): { path: string; message: string } {
  const i = line.indexOf(': ');
  return i < 0 ? { path: '(event)', message: line } : { path: line.slice(0, i), message: line.slice(i + 2) };
}
