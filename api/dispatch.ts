import { Client, isGrpcServiceError, WithStartWorkflowOperation, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { AccountIdRule, accountIdSchema, describeIssues, LifecycleEvent, lifecycleEventSchema, SubmittedEvent } from '../domain/events';
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
export interface DispatchOptions {
  wait?: boolean;
  timeoutMs?: number;
  submittedBy?: string;
}

export class EventDispatcher {
  /** Events this dispatcher is handing to Temporal right now (until their delivery is marked). */
  private readonly inFlight = new Set<string>();
  /** Each billing system's account id schema, built once (a zod schema compiles itself on first use). */
  private readonly accountIdSchemas = new Map<string, ReturnType<typeof accountIdSchema>>();

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
  ) {
    setKnownBillingSystems(deps.billingSystems);
    for (const [billing, rule] of Object.entries(deps.accountIds ?? {})) this.accountIdSchemas.set(billing, accountIdSchema(rule));
  }

  parse(input: unknown): LifecycleEvent {
    const r = lifecycleEventSchema.safeParse(input);
    if (!r.success) throw new InvalidEventError(describeIssues(r.error).map(splitIssue));
    if (!this.deps.billingSystems.includes(r.data.billing)) {
      throw new InvalidEventError([{ path: 'billing', message: `no billing system named "${r.data.billing}"; configured: ${this.deps.billingSystems.join(', ')}` }]);
    }
    // One spelling per billing account: "07" would be a second subscriber of account 7, charged twice.
    const rule = this.deps.accountIds?.[r.data.billing];
    if (rule && !this.accountIdSchemas.get(r.data.billing)!.safeParse(r.data.account).success) {
      throw new InvalidEventError([{ path: 'account', message: `"${r.data.account}" is not ${rule.description}` }]);
    }
    return r.data;
  }

  /**
   * Records the event and hands it to its subscriber's workflow. With `wait`, answers once the
   * workflow applied, skipped or parked it (or the wait ended: `status` says so). `submittedBy`: the
   * API credential that sent the event ("<name> (<id>)"); the workflow carries it on the command.
   */
  async dispatch(input: unknown, options: DispatchOptions = {}): Promise<SubmitEventResponse> {
    let event: SubmittedEvent;
    try {
      event = { ...this.parse(input), ...(options.submittedBy ? { submittedBy: options.submittedBy } : {}) };
    } catch (err) {
      recordRejectedEvent(input);
      throw err;
    }
    try {
      const response = await this.accept(event, options);
      recordEvent(event, response.outcome, { deferred: response.delivery === 'pending' && response.outcome === 'accepted' });
      return response;
    } catch (err) {
      if (err instanceof EventConflictError) recordEvent(event, 'conflict');
      throw err;
    }
  }

  private async accept(event: SubmittedEvent, options: DispatchOptions): Promise<SubmitEventResponse> {
    const key: SubscriberKey = { billing: event.billing, account: event.account };
    const workflowId = subscriberWorkflowId(key);
    // The payload is the event as sent (no submittedBy): the same change sent by a hook and found by the watcher stays one event.
    const inbox = await this.deps.store.recordInbox({ id: event.id, subscriberId: subscriberId(key), type: event.type, payload: withoutSubmitter(event), submittedBy: options.submittedBy ?? null });
    if (inbox.outcome === 'conflict') throw new EventConflictError(event.id);
    if (inbox.outcome === 'duplicate' && inbox.delivered) return { eventId: event.id, workflowId, outcome: 'duplicate', position: 0 };
    const pending = { eventId: event.id, workflowId, outcome: inbox.outcome === 'duplicate' ? 'duplicate' : 'accepted', position: 0, delivery: 'pending' } as const;
    // An older event of this subscriber is not delivered yet (another caller is handing it over, or it
    // waits for redelivery): this one goes after it, so wait for it a while, else queue behind it.
    if (!(await this.olderDelivered(subscriberId(key), event.id))) return pending;
    let result: SubmitResult;
    this.inFlight.add(event.id);
    try {
      result = options.wait ? await this.deliverAndWait(key, event, options.timeoutMs ?? 30_000) : await this.deliverAndMark(key, event, { awaitMark: false });
    } catch (err) {
      this.inFlight.delete(event.id);
      if (!isDeliveryTimeout(err)) throw err;
      this.deps.logger.warn({ workflowId, eventId: event.id }, 'no worker took the event in time; it stays in the inbox for redelivery');
      return pending;
    }
    return { eventId: event.id, workflowId, outcome: inbox.outcome === 'duplicate' ? 'duplicate' : result.outcome, position: result.position, status: result.status, subscriber: result.subscriber };
  }

  /** Whether every older event of the subscriber got delivered, waiting up to the delivery timeout for one in flight. */
  private async olderDelivered(subscriber: string, eventId: string): Promise<boolean> {
    const deadline = Date.now() + (this.deps.deliveryTimeoutMs ?? 10_000);
    for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
      if (!(await this.deps.store.hasUndeliveredBefore(subscriber, eventId))) return true;
      if (Date.now() + pause > deadline) return false;
      await new Promise((r) => setTimeout(r, pause));
    }
  }

  /**
   * Whether this dispatcher is delivering the event right now (a waiting request, say): the inbox
   * redelivery leaves it, and the subscriber's later events, to that delivery.
   */
  delivering(eventId: string): boolean {
    return this.inFlight.has(eventId);
  }

  /** Delivers an event the inbox already holds (runtime/inbox-redelivery.ts). */
  async redeliver(payload: unknown, origin: { submittedBy?: string | null } = {}): Promise<void> {
    const event: SubmittedEvent = { ...this.parse(payload), ...(origin.submittedBy ? { submittedBy: origin.submittedBy } : {}) };
    await this.deliverAndMark({ billing: event.billing, account: event.account }, event, { awaitMark: true });
  }

  private async deliverAndMark(key: SubscriberKey, event: SubmittedEvent, options: { awaitMark: boolean }): Promise<SubmitResult> {
    const deadline = Date.now() + (this.deps.deliveryTimeoutMs ?? 10_000);
    const result = await this.deps.client.withDeadline(deadline, () =>
      this.deps.client.workflow.executeUpdateWithStart(submitEventUpdate, { args: [event], updateId: event.id, startWorkflowOperation: this.startOperation(key) }),
    );
    const marked = this.delivered(key, event, result.outcome);
    if (options.awaitMark) await marked;
    return result;
  }

  /**
   * One call that returns once the workflow applied, skipped or parked the event: Temporal pushes
   * the update's result, no polling. Allowed the longer of the delivery timeout and the wait; if
   * it ends first, the event stays unmarked in the inbox: redelivery sends the same update id again,
   * which Temporal and the workflow answer as the same update.
   */
  private async deliverAndWait(key: SubscriberKey, event: SubmittedEvent, timeoutMs: number): Promise<SubmitResult> {
    const deadline = Date.now() + Math.max(timeoutMs, this.deps.deliveryTimeoutMs ?? 10_000);
    const result = await this.deps.client.withDeadline(deadline, () =>
      this.deps.client.workflow.executeUpdateWithStart(submitEventUpdate, { args: [event, { waitUntilDone: true }], updateId: event.id, startWorkflowOperation: this.startOperation(key) }),
    );
    void this.delivered(key, event, result.outcome);
    return result;
  }

  /**
   * Marks the event delivered. The API's answer does not wait for it: the mark is committed with
   * the next writes (the audit row of the same request, store/group-commit.ts), which the request
   * does wait for. Should it be lost, redelivery sends the same update id again, which has no
   * second effect. Until the mark is in, the event counts as in flight here.
   */
  private delivered(key: SubscriberKey, event: SubmittedEvent, outcome: string): Promise<void> {
    this.inFlight.add(event.id);
    this.deps.logger.info({ workflowId: subscriberWorkflowId(key), eventId: event.id, type: event.type, outcome }, 'event delivered');
    return this.deps.store
      .markDelivered(event.id)
      .catch((err: unknown) => this.deps.logger.warn({ eventId: event.id, err }, 'could not mark the event delivered; redelivery will send it again'))
      .finally(() => this.inFlight.delete(event.id));
  }

  private startOperation(key: SubscriberKey): WithStartWorkflowOperation<typeof subscriberWorkflow> {
    return new WithStartWorkflowOperation<typeof subscriberWorkflow>(subscriberWorkflowType, {
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
