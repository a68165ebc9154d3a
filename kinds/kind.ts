import type { z } from 'zod';
import type { BillingSystem, Port } from '../connectors/ports';
import type { Connectors } from '../connectors/registry';
import type { BillingAccount } from '../domain/billing';
import type { Logger } from '../domain/logger';
import type { ChargePolicy, ServicePolicy } from '../domain/policy';
import type { DesiredSlot, KnownSlot, SlotState } from '../domain/slot';
import type { SubscriberKey } from '../domain/subscriber';
import type { SessionControl } from './sessions';
import type { UsageSource } from './usage';

export type { ChargePolicy, ServicePolicy };

/** What a planner may remember between commands, besides billing: what the workflow confirmed before. */
export interface PlanMemory {
  /** This service's slots with their last confirmed state. */
  slots: readonly KnownSlot[];
  /** Services this subscriber had active before: one billing no longer lists was removed, not never added. */
  seenActive: readonly string[];
}

/** One idempotent platform call a kind plans; `op` names it in logs, reconcile lines and idempotency keys. */
export interface PlatformStep {
  op: string;
  platform: string;
  service: string;
}

/** What the kind's activity-side code may use. */
export interface KindContext {
  key: SubscriberKey;
  /** "lanbilling:42": how platforms know this billing account. */
  externalId: string;
  connectors: Connectors;
  billing: BillingSystem;
  logger: Logger;
  /** The billing field that holds the login, for messages that tell an operator what to fix. */
  loginField: string;
  /**
   * 'apply': the steps that make the platform match and record its state; 'compare' (reconcile):
   * only steps that would change the platform, since nothing is recorded.
   */
  purpose: 'apply' | 'compare';
  /**
   * What this activity attempt's own reads found, by platform and login: the platform's id, so a
   * write right after the read addresses the subscriber without looking it up again, or null where
   * the read found none, so a create needs no look-up first. New for every attempt and never
   * stored: nothing here is older than the read that found it.
   */
  platformIds: Map<string, string | null>;
}

/**
 * A service kind: everything subsync knows about one kind of service (intercom access, TV, a
 * software license, ...), in one folder. The subscriber workflow, the activities, reconcile and
 * the watcher are generic: they call these functions and never branch on a kind's name.
 *
 * A kind converges *slots*: `plan` (pure) says what each platform should hold for an account,
 * `planSteps` reads the platform and lists the calls that make it so, `applyStep` makes one call
 * and returns the state the platform confirmed.
 */
export interface ServiceKind<Settings = unknown, Desired extends DesiredSlot = DesiredSlot, Step extends PlatformStep = PlatformStep> {
  /** The `kind` of a `services.<name>` config block. */
  readonly kind: string;
  readonly title: string;
  /** The kind's own fields of a service's config block (the common ones are `kind`, `billing`, `charge`). */
  readonly settingsSchema: z.ZodType<Settings>;
  /** The port of the platforms this kind converges. */
  readonly port: Port<never>;
  /** Platform config names the settings refer to, so config validation can check they exist and implement the port. */
  platformsNamed(settings: Settings): { path: (string | number)[]; name: string }[];
  /** Pure: what each platform should hold for this account (one entry per slot, including slots to remove). */
  plan(account: BillingAccount, policy: ServicePolicy<Settings>, memory: PlanMemory): Desired[];
  /** Reads the platform and returns the calls that make it match `desired` (empty when it already does). */
  planSteps(ctx: KindContext, desired: Desired, known: SlotState | undefined): Promise<Step[]>;
  /** Makes one call; returns the slot's state as the platform confirmed it. */
  applyStep(ctx: KindContext, step: Step, idempotencyKey: string): Promise<SlotState>;
  /** One line for a reconcile report ("tv.addExtra HBO"). */
  describeStep(step: Step): string;
  /** Booking and control of sessions, when the kind's platform runs them. */
  readonly sessions?: SessionControl;
  /** Metered use billed at month end, when the kind's platform reports it. */
  readonly usage?: UsageSource<Settings>;
}

/** A kind of any settings type: the registry holds several. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyServiceKind = ServiceKind<any, any, any>;
