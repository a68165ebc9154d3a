import type { BillingAccount, BillingService } from '../domain/billing';

/**
 * Helpers for kinds whose platform side depends on the plan (tariff) billing sells a service
 * under. Pure, like the planners that use them.
 */

/** The service as billing lists it: the active entry when there are several (a tariff change ends one and starts another). */
export function billedService(account: BillingAccount, service: string): BillingService | undefined {
  const entries = account.services.filter((s) => s.service === service);
  return entries.find((s) => s.active) ?? entries[entries.length - 1];
}

/** The kind's settings for the billed plan, or why there are none (billing names no plan, or one nobody configured). */
export function settingsForPlan<P>(
  service: string,
  billed: BillingService | undefined,
  plans: Record<string, P>,
  defaultPlan: string | undefined,
): { code: string; plan: P } | { error: string } {
  const code = billed?.plan ?? defaultPlan;
  if (code === undefined) return { error: `billing gives service "${service}" no plan and services.${service}.defaultPlan is not set` };
  const plan = plans[code];
  if (plan === undefined) return { error: `billing sells service "${service}" under plan "${code}", which services.${service}.plans does not configure (configured: ${Object.keys(plans).join(', ')})` };
  return { code, plan };
}
