import type { BillingAccount } from './billing';
import type { AccessServicePolicy, CapabilityMatrix } from './policy';

/**
 * What one platform should hold for one account, derived from billing (the source of
 * truth) and the capability matrix. Pure, so the workflow computes it deterministically.
 */
export type DesiredAccess =
  | { role: 'access'; platform: string; service: string; present: false; login?: string }
  | { role: 'access'; platform: string; service: string; present: true; login?: string; label?: string; capabilities: string[] };

export function capabilitiesFor(matrix: CapabilityMatrix, account: Pick<BillingAccount, 'status'>, serviceActive: boolean): string[] {
  if (account.status === 'blocked') return [...matrix.blocked];
  if (account.status === 'active' && serviceActive) return [...matrix.active];
  return [...matrix.inactive];
}

/**
 * `seenActive` lists services this subscriber has had active before: a service billing no
 * longer lists was removed (the address must go), while one never seen is simply not added
 * yet (the account is linked, with the "inactive" capabilities).
 */
export function desiredAccess(account: BillingAccount, service: AccessServicePolicy, seenActive: readonly string[]): DesiredAccess {
  const base = { role: 'access' as const, platform: service.platform, service: service.service };
  const billed = account.services.find((s) => s.service === service.service);
  const removed = billed ? !billed.active : seenActive.includes(service.service);
  if (account.status === 'disabled' || removed) return { ...base, present: false, login: account.login };
  return {
    ...base,
    present: true,
    login: account.login,
    label: account.address,
    capabilities: capabilitiesFor(service.capabilities, account, billed?.active ?? false),
  };
}
