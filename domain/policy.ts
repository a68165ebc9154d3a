import type { ChargePeriod } from './period';

/**
 * The part of configuration an entity workflow needs, loaded by an activity at the start of
 * each run (so config changes reach running subscribers at their next continue-as-new).
 */
export interface CapabilityMatrix {
  /** Account active and the service's periodic service active. */
  active: string[];
  /** Account blocked for any reason (manager, insufficient funds, ...). */
  blocked: string[];
  /** Linked, but not yet activated or the service not yet added. */
  inactive: string[];
}

/** A service a platform grants by capabilities (the intercom): linked by login, one address per account. */
export interface AccessServicePolicy {
  role: 'access';
  /** Our service name, matching BillingService.service ("intercom"). */
  service: string;
  /** Platform instance (config key) that delivers it. */
  platform: string;
  /** Billing systems whose accounts get this service. */
  billing: string[];
  capabilities: CapabilityMatrix;
  /** Set when subsync, not billing, prices the service: charged each period with an idempotency key. */
  charge?: { amount: number; period: ChargePeriod; comment: string };
}

/** TV: packages and set-top boxes on whichever TV platform billing names for each plan. */
export interface TvServicePolicy {
  role: 'tv';
  service: string;
  billing: string[];
  /** Billing's TV platform code ("beenius") → platform instance (config key); unlisted codes map to themselves. */
  platformByCode: Record<string, string>;
}

export type ServicePolicy = AccessServicePolicy | TvServicePolicy;

export interface ActivityPolicy {
  startToCloseTimeoutMs: number;
  /** Backoff for transient failures; retries never stop on their own (a platform down only delays). */
  retry: { initialIntervalMs: number; backoffCoefficient: number; maximumIntervalMs: number };
}

export interface SubscriberPolicy {
  services: ServicePolicy[];
  activity: ActivityPolicy;
  /** Continue-as-new once the history holds this many events (Temporal also suggests it itself). */
  continueAsNewAfterEvents: number;
}

export function servicesFor(policy: SubscriberPolicy, billing: string): ServicePolicy[] {
  return policy.services.filter((s) => s.billing.includes(billing));
}
