import type { BillingAccount, BlockReason, ChargeResult } from '../domain/billing';
import type { LifecycleEventInput } from '../domain/events';
import type { SubscriberPolicy } from '../domain/policy';
import type { SlotState } from '../domain/slot';
import type { LifecycleStatus, SubscriberKey } from '../domain/subscriber';

/**
 * The activity surface the workflows see. Workflows import these types only, never the
 * implementations, a connector or a service kind.
 */

/** A periodic charge to make now, with the key that makes it happen once. */
export interface ChargeRequest {
  service: string;
  period: string;
  amount: number;
  comment: string;
  idempotencyKey: string;
}

export interface ChargeOutcome {
  service: string;
  period: string;
  status: ChargeResult['status'];
}

export interface ApplyCommandInput {
  key: SubscriberKey;
  commandId: string;
  commandType: string;
  /** create/link: billing must have the account (else it is parked); otherwise a missing account is a disabled one. */
  mustExist: boolean;
  /** A login a create/link event gave, used when billing has none. */
  loginOverride?: string;
  /** The contract last seen, for an account billing no longer lists. */
  agreementId?: string;
  /** What each platform confirmed before, by slot. */
  slots: Record<string, SlotState>;
  seenActive: string[];
  /** Charges to make before converging (a period boundary, or unpaid ones after a payment). */
  charges: ChargeRequest[];
  /** After a payment: lift subsync's insufficient-funds block in billing once every charge here is paid. */
  liftBlockWhenPaid: boolean;
}

/** Billing's account as the command found it, projected to what the workflow keeps. */
export interface AccountSummary {
  status: LifecycleStatus;
  blockReason?: BlockReason;
  agreementId: string;
  login?: string;
  activeServices: string[];
}

export interface ApplyCommandResult {
  account: AccountSummary;
  /** Every slot a platform confirmed in this command (others are unchanged). */
  slots: Record<string, SlotState>;
  seenActive: string[];
  charges: ChargeOutcome[];
}

/** What a command got done before a permanent failure parked it: attached to the failure's details. */
export interface PartialProgress {
  slots: Record<string, SlotState>;
  charges: ChargeOutcome[];
}

export interface AuditInput {
  key: SubscriberKey;
  eventId?: string;
  action: string;
  /** The how-manieth time this action is recorded for the event (an operator cycle may repeat); 1 when absent. */
  round?: number;
  detail?: Record<string, unknown>;
}

export interface SubscriberActivities {
  loadPolicy(): Promise<SubscriberPolicy>;
  /**
   * One command, whole: makes the charges it carries, re-reads the account from billing (the source
   * of truth), then converges every platform of every service of this billing system and returns what
   * they confirmed. Idempotent: a retry re-reads and re-plans, so a step already done is not redone.
   */
  applyCommand(input: ApplyCommandInput): Promise<ApplyCommandResult>;
  recordAudit(input: AuditInput): Promise<void>;
}

/**
 * The activities of release 0.1, one per step. Subscriber workflows that release started may be in
 * the middle of a command when a new worker takes over; they finish it with these.
 */
export interface LegacySubscriberActivities {
  readBillingAccount(input: { key: SubscriberKey }): Promise<BillingAccount | null>;
  planPlatformSteps(input: { key: SubscriberKey; desired: { service: string; platform?: string }; known?: SlotState }): Promise<{ op: string; platform: string; service: string }[]>;
  applyPlatformStep(input: { key: SubscriberKey; step: { op: string; platform: string; service: string }; idempotencyKey: string }): Promise<SlotState>;
  chargeService(input: { key: SubscriberKey; agreementId: string; service: string; period: string; amount: number; comment: string; idempotencyKey: string }): Promise<ChargeResult>;
  setBillingBlock(input: { key: SubscriberKey; reason: BlockReason | null }): Promise<void>;
}

export interface WatcherPollInput {
  billing: string;
  /** Accounts per page of the cheap read (`scanAccounts`). */
  pageSize?: number;
  /** Accounts read in full per poll beyond the changed ones, longest unread first (the full sweep). */
  sweepPerCycle?: number;
}

export interface WatcherPollResult {
  /** Accounts billing's list showed. */
  accounts: number;
  /** Changes sent as lifecycle events. */
  events: number;
  pages: number;
  /** Accounts read in full (digest changed, gone from the list, or the sweep's slice). */
  fullReads: number;
  /** Accounts that left billing's list. */
  gone: number;
  /** Accounts the full sweep read. */
  swept: number;
  /** Accounts billing could not answer for (left for the next pass). */
  failed: number;
  /** Calls to the billing system. */
  calls: number;
  /** Whether the pass went on from an earlier attempt's heartbeat. */
  resumed: boolean;
}

export interface WatcherActivities {
  /** One pass over billing: sends each change since the last pass as a lifecycle event. */
  pollBillingChanges(input: WatcherPollInput): Promise<WatcherPollResult>;
}

/**
 * Hands lifecycle events to subscriber workflows (validated, recorded in the inbox, delivered in
 * order). The worker injects the server's dispatcher, so activities never import the server.
 */
export interface EventSink {
  /** Throws an error named `EventConflictError` when the id was used before with another body. */
  dispatch(event: LifecycleEventInput): Promise<{ outcome: 'accepted' | 'duplicate' }>;
}
