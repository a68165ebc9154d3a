/**
 * A slot is one place a subscriber's service lives on one platform: the intercom profile address
 * of an account, one TV plan's subscriber on a TV platform, one license ticket. The entity
 * workflow keeps the last state each platform confirmed, keyed by slot, without knowing what
 * kind of service it is; each service kind decides its slot keys and what `detail` holds.
 */
export interface SlotState {
  platform: string;
  /** Our service name ("intercom", "tv"), as in the config's `services`. */
  service: string;
  attached: boolean;
  /** The login the platform knows the subscriber by. */
  login?: string;
  /** The platform's id of the subscriber/profile. */
  profileId?: string;
  /** The platform's id of this account's part of the profile (an address, a subscription). */
  attachmentId?: string;
  /** What the platform grants right now (capability kinds). */
  capabilities: string[];
  /** Billing's id of what this slot delivers (a TV plan, a license item), when billing has one. */
  subscriptionId?: string;
  /** The service kind's own view of the platform state (packages and boxes, a ticket, ...). */
  detail?: Record<string, unknown>;
  /** One line for operators ("TOP + HBO, 2 boxes"); the kind writes it. */
  summary?: string;
}

/** What one platform should hold for one slot, as a service kind's planner derives it from billing. */
export interface DesiredSlot {
  /** Key of the slot in the workflow's state ("intercom", "tv:4711"). */
  slot: string;
  service: string;
  /** Platform instance (config name); undefined when billing names none. */
  platform?: string;
  present: boolean;
  login?: string;
  /** Billing's id of what the slot delivers (a TV plan), when billing has one. */
  subscriptionId?: string;
}

/** A slot the workflow has a confirmed state for, as planners see it. */
export interface KnownSlot {
  slot: string;
  state: SlotState;
}
