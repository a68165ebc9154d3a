import type { BillingAccount } from '../../domain/billing';
import type { ServicePolicy } from '../../domain/policy';
import type { DesiredSlot, KnownSlot } from '../../domain/slot';
import type { AccessSettings, CapabilityMatrix } from './settings';

/**
 * What one capability platform should hold for one account, derived from billing (the source
 * of truth) and the capability matrix. Pure, so it gives the same answer wherever it runs.
 * `role` stays for the histories of release 0.1, whose activities received this shape.
 */
export type DesiredAccess = DesiredSlot & { role: 'access'; platform: string; label?: string; capabilities: string[] };

export function capabilitiesFor(matrix: CapabilityMatrix, account: Pick<BillingAccount, 'status'>, serviceActive: boolean): string[] {
  if (account.status === 'blocked') return [...matrix.blocked];
  if (account.status === 'active' && serviceActive) return [...matrix.active];
  return [...matrix.inactive];
}

/**
 * `seenActive` lists services this subscriber has had active before: a service billing no
 * longer lists was removed (the address must go), while one never seen is simply not added
 * yet (the account is linked, with the "inactive" capabilities). The slot is the platform's name.
 */
export function desiredAccess(account: BillingAccount, policy: ServicePolicy<AccessSettings>, seenActive: readonly string[]): DesiredAccess {
  const { platform, capabilities } = policy.settings;
  const base = { role: 'access' as const, slot: platform, platform, service: policy.service };
  const billed = account.services.find((s) => s.service === policy.service);
  const removed = billed ? !billed.active : seenActive.includes(policy.service);
  if (account.status === 'disabled' || removed) return { ...base, present: false, login: account.login, capabilities: [] };
  return { ...base, present: true, login: account.login, label: account.address, capabilities: capabilitiesFor(capabilities, account, billed?.active ?? false) };
}

/** The kind's planner: one slot, named after the platform. */
export function planAccess(account: BillingAccount, policy: ServicePolicy<AccessSettings>, memory: { slots: readonly KnownSlot[]; seenActive: readonly string[] }): DesiredAccess[] {
  return [desiredAccess(account, policy, memory.seenActive)];
}
