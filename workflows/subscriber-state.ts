import type { BlockReason } from '../domain/billing';
import type { LifecycleEvent } from '../domain/events';
import type { ChargePolicy, ServiceSummary } from '../domain/policy';
import type { SessionRecord } from '../domain/session';
import type { SlotState } from '../domain/slot';
import type { LifecycleStatus } from '../domain/subscriber';
import type { AppliedView, CommandView, ParkedView } from './definitions';

/** The subscriber workflow's own state, shared by release 0.2's path and release 0.1's (subscriber-v1.ts). */

/** A queued unit of work: a billing event, or the workflow's own periodic charge. */
export interface Command extends CommandView {
  event?: LifecycleEvent;
}

/** Everything that survives continue-as-new (release 0.1 carried the same shape). */
export interface SubscriberState {
  status: LifecycleStatus;
  blockReason?: BlockReason;
  login?: string;
  /** A login given by a create/link event, used when billing has none. */
  loginOverride?: string;
  agreementId?: string;
  activeServices: string[];
  seenActive: string[];
  /** The last state each platform confirmed, by slot. */
  platforms: Record<string, SlotState>;
  charges: Record<string, { lastPeriod?: string; unpaid?: { period: string; amount: number } }>;
  queue: Command[];
  recentIds: string[];
  recent: AppliedView[];
  parked?: ParkedView & { command: Command };
  /** Sessions booked or controlled through the API, most recently touched first (absent in runs before sessions existed). */
  sessions?: SessionRecord[];
}

export type PricedService = ServiceSummary & { charge: ChargePolicy };
