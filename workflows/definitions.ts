import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LifecycleEvent } from '../domain/events';
import type { LifecycleStatus, SubscriberKey } from '../domain/subscriber';
import type { BlockReason } from '../domain/billing';

/**
 * The entity workflow's public surface: the updates billing and operators send and the
 * query the API and the CLI read. Shared by the workflow and every client.
 */
export const subscriberWorkflowType = 'subscriberWorkflow';

export type SubmitOutcome = 'accepted' | 'duplicate';
export interface SubmitResult {
  eventId: string;
  outcome: SubmitOutcome;
  /** Commands waiting before this one (0 = next). */
  position: number;
}

/** Applies a lifecycle event, in arrival order. Answers as soon as the event is queued. */
export const submitEventUpdate = defineUpdate<SubmitResult, [LifecycleEvent]>('submitEvent');

export type OperatorAction = 'retry' | 'skip';
export interface OperatorDecision {
  action: OperatorAction;
  /** Who decided, for the audit trail. */
  by?: string;
  note?: string;
}
/** Resolves the parked command: run it again, or drop it and go on. */
export const resolveParkedUpdate = defineUpdate<{ commandId: string; action: OperatorAction }, [OperatorDecision]>('resolveParked');

export interface PlatformStateView {
  platform: string;
  service: string;
  attached: boolean;
  login?: string;
  profileId?: string;
  attachmentId?: string;
  capabilities: string[];
  /** TV only: billing's subscription (contracted plan) and what the platform holds for it. */
  subscriptionId?: string;
  tv?: { subscriberId: string; status: 'active' | 'suspended'; basePackage?: string; extraPackages: string[]; devices: { casn: string; location?: string }[] };
}

export interface CommandView {
  id: string;
  type: string;
  receivedAt: string;
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
export const eventStatusQuery = defineQuery<'applied' | 'skipped' | 'queued' | 'parked' | 'unknown', [string]>('eventStatus');

export interface SubscriberWorkflowInput {
  key: SubscriberKey;
  /** State handed over by continue-as-new. */
  carried?: unknown;
}
