import type { ChargePeriod } from './period';

/**
 * Services as configuration defines them. Each service is of one kind (kinds/<kind>): the
 * common fields are here, the kind's own ones in `settings`, validated by the kind.
 */

/** Set when subsync, not billing, prices a service: charged each period with an idempotency key. */
export interface ChargePolicy {
  amount: number;
  period: ChargePeriod;
  comment: string;
}

export interface ServicePolicy<Settings = unknown> {
  /** Our service name, matching BillingService.service ("intercom"). */
  service: string;
  /** The service kind (kinds/<kind>). */
  kind: string;
  /** Billing systems whose accounts get this service. */
  billing: string[];
  charge?: ChargePolicy;
  settings: Settings;
}

/** What the entity workflow needs of a service: which it is and whether subsync prices it. */
export interface ServiceSummary {
  service: string;
  kind: string;
  billing: string[];
  charge?: ChargePolicy;
}

export interface ActivityPolicy {
  startToCloseTimeoutMs: number;
  /** Backoff for transient failures; retries never stop on their own (a platform down only delays). */
  retry: { initialIntervalMs: number; backoffCoefficient: number; maximumIntervalMs: number };
}

/**
 * The part of configuration an entity workflow needs, loaded by an activity at the start of
 * each run (so config changes reach running subscribers at their next continue-as-new).
 */
export interface SubscriberPolicy {
  services: ServiceSummary[];
  activity: ActivityPolicy;
  /** Continue-as-new once the history holds this many events (Temporal also suggests it itself). */
  continueAsNewAfterEvents: number;
}

export function servicesFor<S extends { billing: string[] }>(services: readonly S[], billing: string): S[] {
  return services.filter((s) => s.billing.includes(billing));
}
