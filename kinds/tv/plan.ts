import type { BillingAccount, TvSubscription } from '../../domain/billing';
import type { ServicePolicy } from '../../domain/policy';
import type { DesiredSlot, KnownSlot } from '../../domain/slot';
import type { TvSettings } from './settings';

/**
 * What one TV platform should hold for one TV plan of an account: billing's packages and
 * set-top points, suspended while billing suspends the plan or blocks the account. Pure, so
 * the entity workflow derives it deterministically.
 */
export interface DesiredTv extends DesiredSlot {
  /** For the histories of release 0.1, whose activities received this shape. */
  role: 'tv';
  /** The slot again, under the name release 0.1 used. */
  key: string;
  subscriptionId: string;
  platformCode?: string;
  name?: string;
  basePackage?: string;
  extraPackages: string[];
  devices: { casn: string; location?: string }[];
  suspended: boolean;
  /** Billing's copy of platform data (extra fields), so write-backs happen only on a difference. */
  fields: Record<string, string>;
}

export const tvKey = (subscriptionId: string) => `tv:${subscriptionId}`;

/**
 * One entry per TV plan billing lists, plus one removal for each plan the workflow once put on a
 * platform (`known`) that billing no longer lists.
 */
export function desiredTv(account: BillingAccount, policy: ServicePolicy<TvSettings>, known: readonly KnownSlot[]): DesiredTv[] {
  const fromBilling = (account.tv ?? []).map((sub) => toDesired(account, policy, sub));
  const billed = new Set(fromBilling.map((d) => d.slot));
  const gone = known
    .filter((k) => k.slot.startsWith('tv:') && k.state.attached && !billed.has(k.slot))
    .map(({ slot, state }): DesiredTv => ({
      role: 'tv', service: policy.service, slot, key: slot, subscriptionId: state.subscriptionId ?? slot.slice(3), platform: state.platform, present: false, login: state.login, extraPackages: [], devices: [], suspended: false, fields: {},
    }));
  return [...fromBilling, ...gone];
}

function toDesired(account: BillingAccount, policy: ServicePolicy<TvSettings>, sub: TvSubscription): DesiredTv {
  const slot = tvKey(sub.subscriptionId);
  return {
    role: 'tv',
    service: policy.service,
    slot,
    key: slot,
    subscriptionId: sub.subscriptionId,
    platform: sub.platform ? (policy.settings.platformByCode[sub.platform] ?? sub.platform) : undefined,
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

/** The kind's planner. */
export function planTv(account: BillingAccount, policy: ServicePolicy<TvSettings>, memory: { slots: readonly KnownSlot[] }): DesiredTv[] {
  return desiredTv(account, policy, memory.slots);
}
