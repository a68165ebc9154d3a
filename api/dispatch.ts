import { Client, isGrpcServiceError, WithStartWorkflowOperation, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { AccountIdRule, accountIdSchema, describeIssues, LifecycleEvent, lifecycleEventSchema, SubmittedEvent } from '../domain/events';
import { SubsyncBilling, SubsyncStatus, SubsyncSubscriber } from '../domain/search-attributes';
import { SubscriberKey, subscriberId, subscriberWorkflowId } from '../domain/subscriber';
import type { Logger } from '../domain/logger';
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
      /** Each billing system's account id shape (its connector's); systems without one get the generic rule. */
      accountIds?: Record<string, AccountIdRule>;
      logger: Logger;
      /** How long a delivery may wait for a worker before the event is left to the inbox redelivery. */
      deliveryTimeoutMs?: number;
    },
  ) {}

  parse(input: unknown): LifecycleEvent {
    const r = lifecycleEventSchema.safeParse(input);
    if (!r.success) throw new InvalidEventError(describeIssues(r.error).map(splitIssue));
    if (!this.deps.billingSystems.includes(r.data.billing)) {
      throw new InvalidEventError([{ path: 'billing', message: `no billing system named "${r.data.billing}"; configured: ${this.deps.billingSystems.join(', ')}` }]);
    }
    // One spelling per billing account: "07" would be a second subscriber of account 7, charged twice.
    const rule = this.deps.accountIds?.[r.data.billing];
    if (rule && !accountIdSchema(rule).safeParse(r.data.account).success) {
      throw new InvalidEventError([{ path: 'account', message: `"${r.data.account}" is not ${rule.description}` }]);
    }
    return r.data;
  }

  /** `submittedBy`: the API credential that sent the event ("<name> (<id>)"); the workflow carries it on the command. */
  async dispatch(input: unknown, origin: { submittedBy?: string } = {}): Promise<SubmitEventResponse> {
    const event: SubmittedEvent = { ...this.parse(input), ...(origin.submittedBy ? { submittedBy: origin.submittedBy } : {}) };
    const key: SubscriberKey = { billing: event.billing, account: event.account };
    const workflowId = subscriberWorkflowId(key);
    // The payload is the event as sent (no submittedBy): the same change sent by a hook and found by the watcher stays one event.
    const inbox = await this.deps.store.recordInbox({ id: event.id, subscriberId: subscriberId(key), type: event.type, payload: withoutSubmitter(event), submittedBy: origin.submittedBy ?? null });
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
  async redeliver(payload: unknown, origin: { submittedBy?: string | null } = {}): Promise<void> {
    const event: SubmittedEvent = { ...this.parse(payload), ...(origin.submittedBy ? { submittedBy: origin.submittedBy } : {}) };
    await this.deliverAndMark({ billing: event.billing, account: event.account }, event);
  }

  private async deliverAndMark(key: SubscriberKey, event: SubmittedEvent): Promise<SubmitResult> {
    const deadline = Date.now() + (this.deps.deliveryTimeoutMs ?? 10_000);
    const result = await this.deps.client.withDeadline(deadline, () => this.deliver(key, event));
    await this.deps.store.markDelivered(event.id);
    this.deps.logger.info({ workflowId: subscriberWorkflowId(key), eventId: event.id, type: event.type, outcome: result.outcome }, 'event delivered');
    return result;
  }

  private async deliver(key: SubscriberKey, event: SubmittedEvent): Promise<SubmitResult> {
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

function withoutSubmitter(event: SubmittedEvent): Record<string, unknown> {
  const { submittedBy: _by, ...sent } = event;
  return sent;
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
