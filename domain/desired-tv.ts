import type { BillingAccount, TvSubscription } from './billing';
import type { TvServicePolicy } from './policy';

/**
 * What one TV platform should hold for one TV plan of an account: billing's packages and
 * set-top points, suspended while billing suspends the plan or blocks the account. Pure, so
 * the entity workflow derives it deterministically.
 */
export interface DesiredTv {
  role: 'tv';
  service: string;
  /** Key of this subscription in the workflow's platform map. */
  key: string;
  subscriptionId: string;
  /** Platform instance; undefined when billing names no TV platform for the plan. */
  platform?: string;
  platformCode?: string;
  present: boolean;
  login?: string;
  name?: string;
  basePackage?: string;
  extraPackages: string[];
  devices: { casn: string; location?: string }[];
  suspended: boolean;
  /** Billing's copy of platform data (extra fields), so write-backs happen only on a difference. */
  fields: Record<string, string>;
}

export const tvKey = (subscriptionId: string) => `tv:${subscriptionId}`;

/** A TV plan the workflow once put on a platform, so that one gone from billing gets removed. */
export interface KnownTv {
  key: string;
  platform: string;
  subscriptionId?: string;
  login?: string;
  attached: boolean;
}

export function desiredTv(account: BillingAccount, policy: TvServicePolicy, known: readonly KnownTv[]): DesiredTv[] {
  const fromBilling = (account.tv ?? []).map((sub) => toDesired(account, policy, sub));
  const billed = new Set(fromBilling.map((d) => d.key));
  const gone = known
    .filter((k) => k.key.startsWith('tv:') && k.attached && !billed.has(k.key))
    .map((k): DesiredTv => ({ role: 'tv', service: policy.service, key: k.key, subscriptionId: k.subscriptionId ?? k.key.slice(3), platform: k.platform, present: false, login: k.login, extraPackages: [], devices: [], suspended: false, fields: {} }));
  return [...fromBilling, ...gone];
}

function toDesired(account: BillingAccount, policy: TvServicePolicy, sub: TvSubscription): DesiredTv {
  return {
    role: 'tv',
    service: policy.service,
    key: tvKey(sub.subscriptionId),
    subscriptionId: sub.subscriptionId,
    platform: sub.platform ? (policy.platformByCode[sub.platform] ?? sub.platform) : undefined,
    platformCode: sub.platform ?? undefined,
    present: account.status !== 'disabled' && sub.status !== 'cancelled',
    login: sub.login,
    basePackage: sub.basePackage,
    extraPackages: [...sub.extraPackages].sort(),
    devices: sub.devices,
    suspended: sub.status === 'suspended' || account.status === 'blocked',
    fields: sub.fields,
  };
}
