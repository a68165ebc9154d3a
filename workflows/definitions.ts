import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LifecycleEvent, SubmittedEvent } from '../domain/events';
import type { LifecycleStatus, SubscriberKey } from '../domain/subscriber';
import type { BlockReason } from '../domain/billing';
import type { SlotState } from '../domain/slot';
import type { SessionRecord } from '../domain/session';

/**
 * The entity workflow's public surface: the updates billing and operators send and the
 * query the API and the CLI read. Shared by the workflow and every client.
 */
export const subscriberWorkflowType = 'subscriberWorkflow';

export type SubmitOutcome = 'accepted' | 'duplicate';
export type EventStatus = 'applied' | 'skipped' | 'queued' | 'parked' | 'unknown';
export interface SubmitResult {
  eventId: string;
  outcome: SubmitOutcome;
  /** Commands that were waiting before this one when it was accepted (0 = next). */
  position: number;
  /** What became of the event: the update completes once it is applied, skipped or parked. */
  status?: EventStatus;
  /** With waitUntilDone: the subscriber right after the event was done (saves the caller a query). */
  subscriber?: SubscriberView;
}

/**
 * Applies a lifecycle event, in arrival order. Completes once the event is queued, or with
 * `waitUntilDone` once it is applied, skipped or parked: a caller that waits awaits the update's
 * result instead of polling.
 */
export interface SubmitOptions {
  /** Complete the update once the event is applied, skipped or parked, instead of once it is queued. */
  waitUntilDone?: boolean;
}
export const submitEventUpdate = defineUpdate<SubmitResult, [SubmittedEvent, SubmitOptions?]>('submitEvent');

export type OperatorAction = 'retry' | 'skip';
export interface OperatorDecision {
  action: OperatorAction;
  /** Who decided, for the audit trail. */
  by?: string;
  note?: string;
}
/** Resolves the parked command: run it again, or drop it and go on. */
export const resolveParkedUpdate = defineUpdate<{ commandId: string; action: OperatorAction }, [OperatorDecision]>('resolveParked');

/** What one platform confirmed for one slot of the subscriber (see domain/slot.ts). */
export type PlatformStateView = SlotState;

export interface CommandView {
  id: string;
  type: string;
  receivedAt: string;
  /** The API credential that sent the event ("<name> (<id>)"), when one did. */
  submittedBy?: string;
}

export interface ParkedView extends CommandView {
  reason: string;
  errorType?: string;
  since: string;
}

export interface AppliedView extends CommandView {
  outcome: 'applied' | 'skipped';
  at: string;
}

export interface ChargeView {
  service: string;
  lastChargedPeriod?: string;
  unpaid?: { period: string; amount: number };
  nextChargeAt?: string;
}

export interface SubscriberView {
  key: SubscriberKey;
  status: LifecycleStatus;
  blockReason?: BlockReason;
  login?: string;
  platforms: PlatformStateView[];
  charges: ChargeView[];
  /** The command being applied now (activities may be retrying: see the Temporal UI). */
  current?: CommandView;
  pending: CommandView[];
  parked?: ParkedView;
  recent: AppliedView[];
}

export const stateQuery = defineQuery<SubscriberView>('state');

/** Returns whether an event id has been applied, skipped, is queued, or is unknown to this run. */
export const eventStatusQuery = defineQuery<EventStatus, [string]>('eventStatus');

export interface SubscriberWorkflowInput {
  key: SubscriberKey;
  /** State handed over by continue-as-new. */
  carried?: unknown;
}

/**
 * Records a session the API booked or controlled on one of the subscriber's platforms (the
 * platform confirmed it first): the workflow keeps the most recent sessions, one entry each.
 */
export const recordSessionUpdate = defineUpdate<{ sessions: number }, [SessionRecord]>('recordSession');

/** The sessions the workflow recorded, most recently touched first. */
export const sessionsQuery = defineQuery<SessionRecord[]>('sessions');
