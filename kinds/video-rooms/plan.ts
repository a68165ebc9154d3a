import type { BillingAccount } from '../../domain/billing';
import type { ServicePolicy } from '../../domain/policy';
import type { DesiredSlot, KnownSlot } from '../../domain/slot';
import { billedService, settingsForPlan } from '../billed-plan';
import type { VideoPlan, VideoRoomsSettings } from './settings';

/**
 * What the video rooms platform should hold for one account: a customer with an account on the
 * plan's service package, its owner and exactly the plan's rooms; suspended while billing blocks
 * the account; removed when billing ends the service or disables the account. Pure.
 */
export interface DesiredVideoRooms extends DesiredSlot {
  platform: string;
  plan?: string;
  planError?: string;
  package?: string;
  rooms: VideoPlan['rooms'];
  suspended: boolean;
  /** Billing's label of the account (its address), shown as the platform account's name. */
  label?: string;
  /** What the platform needs of a customer that billing does not hold. */
  customer: VideoRoomsSettings['customer'];
  nameOrder: VideoRoomsSettings['nameOrder'];
}

export function planVideoRooms(account: BillingAccount, policy: ServicePolicy<VideoRoomsSettings>, _memory: { slots: readonly KnownSlot[] }): DesiredVideoRooms[] {
  const { settings } = policy;
  const billed = billedService(account, policy.service);
  const present = billed?.active === true && (account.status === 'active' || account.status === 'blocked');
  const base = {
    slot: policy.service,
    service: policy.service,
    platform: settings.platform,
    subscriptionId: billed?.externalId,
    label: account.address,
    suspended: account.status === 'blocked',
    customer: settings.customer,
    nameOrder: settings.nameOrder,
  };
  if (!present) return [{ ...base, present: false, rooms: [], suspended: false }];
  const chosen = settingsForPlan(policy.service, billed, settings.plans, settings.defaultPlan);
  if ('error' in chosen) return [{ ...base, present: true, planError: chosen.error, rooms: [] }];
  return [{ ...base, present: true, plan: chosen.code, package: chosen.plan.package, rooms: chosen.plan.rooms }];
}
