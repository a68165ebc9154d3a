import type { BillingAccount } from '../../domain/billing';
import type { ServicePolicy } from '../../domain/policy';
import type { DesiredSlot, KnownSlot } from '../../domain/slot';
import { billedService, settingsForPlan } from '../billed-plan';
import type { MeetingSettings } from './settings';

/**
 * What the meeting platform should hold for one account: a child license under the parent,
 * with the profile, lines and trial of the plan billing sells the service under, blocked while
 * billing blocks the account. Pure, so it gives the same answer wherever it runs.
 */
export interface DesiredMeeting extends DesiredSlot {
  platform: string;
  parentLicense?: string;
  /** Billing's plan code the license follows. */
  plan?: string;
  /** Why no plan could be chosen: the steps park the command with it, naming what to configure. */
  planError?: string;
  /** Profile on the parent; null: none (the platform's standard settings). */
  profileId: string | null;
  lines: number;
  /** Set for a trial plan: a license created for it is a trial of this many days. */
  trialDays?: number;
  blocked: boolean;
}

/**
 * One slot per meeting service, named after the service. A license exists while billing lists
 * the service active on an active or blocked account; it goes when billing ends the service or
 * disables the account.
 */
export function planMeeting(account: BillingAccount, policy: ServicePolicy<MeetingSettings>, _memory: { slots: readonly KnownSlot[] }): DesiredMeeting[] {
  const { settings } = policy;
  const billed = billedService(account, policy.service);
  const present = billed?.active === true && (account.status === 'active' || account.status === 'blocked');
  const base = { slot: policy.service, service: policy.service, platform: settings.platform, parentLicense: settings.parentLicense, subscriptionId: billed?.externalId };
  if (!present) return [{ ...base, present: false, profileId: null, lines: 0, blocked: false }];
  const chosen = settingsForPlan(policy.service, billed, settings.plans, settings.defaultPlan);
  if ('error' in chosen) return [{ ...base, present: true, planError: chosen.error, profileId: null, lines: 0, blocked: account.status === 'blocked' }];
  const { code, plan } = chosen;
  return [{ ...base, present: true, plan: code, profileId: plan.profile ?? null, lines: plan.lines, ...(plan.trialDays === undefined ? {} : { trialDays: plan.trialDays }), blocked: account.status === 'blocked' }];
}
