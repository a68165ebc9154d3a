import type { LifecycleEventInput } from '../domain/events';
import type { BillingAccount, BlockReason, ChargeResult } from '../domain/billing';
import type { DesiredAccess } from '../domain/desired-state';
import type { DesiredTv } from '../domain/desired-tv';
import type { SubscriberPolicy } from '../domain/policy';
import type { SubscriberKey } from '../domain/subscriber';
import type { PlatformStateView } from '../workflows/definitions';

/**
 * The activity surface the workflows see. Workflows import these types only, never the
 * implementations or any connector.
 */
export type AccessStep =
  | { platform: string; service: string; op: 'attach'; login: string; label?: string; capabilities: string[] }
  | { platform: string; service: string; op: 'setCapabilities'; login: string; capabilities: string[] }
  | { platform: string; service: string; op: 'detach'; login: string };

/** One TV platform call; `key` is the subscription's key in the workflow's platform map. */
export type TvStep = { platform: string; service: string; key: string; subscriptionId: string; login: string } & (
  | { op: 'tv.ensure'; name?: string }
  | { op: 'tv.setBase' | 'tv.addExtra' | 'tv.removeExtra'; packageCode: string }
  | { op: 'tv.bind'; casn: string; location?: string }
  | { op: 'tv.unbind'; casn: string }
  | { op: 'tv.swap'; oldCasn: string; newCasn: string }
  | { op: 'tv.suspend' | 'tv.resume' | 'tv.remove' }
  /** Copies platform data (Beenius id and PIN) into billing, after the platform confirmed it. */
  | { op: 'tv.writeBack' }
);

export type PlatformStep = AccessStep | TvStep;

export interface SubscriberActivities {
  loadPolicy(): Promise<SubscriberPolicy>;
  /** The account as billing has it now; null when billing no longer has it. */
  readBillingAccount(input: { key: SubscriberKey }): Promise<BillingAccount | null>;
  /** Reads the platform and returns the steps that make it match `desired` (empty when it already does). */
  planPlatformSteps(input: { key: SubscriberKey; desired: DesiredAccess | DesiredTv; known?: PlatformStateView }): Promise<PlatformStep[]>;
  /** Applies one step; the platform's confirmed state comes back and the link is stored. */
  applyPlatformStep(input: { key: SubscriberKey; step: PlatformStep; idempotencyKey: string }): Promise<PlatformStateView>;
  chargeService(input: { key: SubscriberKey; agreementId: string; service: string; period: string; amount: number; comment: string; idempotencyKey: string }): Promise<ChargeResult>;
  setBillingBlock(input: { key: SubscriberKey; reason: BlockReason | null }): Promise<void>;
  recordAudit(input: { key: SubscriberKey; eventId?: string; action: string; detail?: Record<string, unknown> }): Promise<void>;
}

export interface WatcherActivities {
  /** Compares billing with the last snapshot and sends each difference as a lifecycle event. */
  pollBillingChanges(input: { billing: string }): Promise<{ accounts: number; events: number }>;
}

/**
 * Hands lifecycle events to subscriber workflows (validated, recorded in the inbox, delivered in
 * order). The worker injects the server's dispatcher, so activities never import the server.
 */
export interface EventSink {
  dispatch(event: LifecycleEventInput): Promise<{ outcome: 'accepted' | 'duplicate' }>;
}
