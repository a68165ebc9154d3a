import type { BillingAccount } from '../domain/billing';
import type { ServicePolicy } from '../domain/policy';
import type { DesiredSlot, KnownSlot } from '../domain/slot';
import { planAccess } from './access/plan';
import { planTv } from './tv/plan';

/**
 * Release 0.1 planned inside the subscriber workflow, with a flat policy per service whose `role`
 * named the kind. Replaying the histories of that release needs the same plans, so its workflow
 * path gets them here: pure planners only (this module is bundled with the workflows), for the two
 * kinds that release had. New kinds plan in activities and never appear here. Remove with that path.
 */
export interface V1ServicePolicy {
  role: string;
  service: string;
  billing: string[];
  [setting: string]: unknown;
}

type Planner = (account: BillingAccount, policy: ServicePolicy<never>, memory: { slots: readonly KnownSlot[]; seenActive: readonly string[] }) => DesiredSlot[];
const planners: Record<string, Planner> = { access: planAccess as Planner, tv: planTv as Planner };

export function planV1(account: BillingAccount, v1: V1ServicePolicy, memory: { slots: readonly KnownSlot[]; seenActive: readonly string[] }): DesiredSlot[] {
  const { role, service, billing, charge: _charge, ...settings } = v1;
  const planner = planners[role];
  if (!planner) throw new Error(`release 0.1 had no service role "${role}"`);
  return planner(account, { service, kind: role, billing, settings: settings as never }, memory);
}
