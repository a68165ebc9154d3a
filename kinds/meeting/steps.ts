import { ApplicationFailure } from '@temporalio/common';
import { MeetingLicense, MeetingLicensePlatform, meetingPort } from '../../connectors/meetings/port';
import type { SlotState } from '../../domain/slot';
import type { KindContext, PlatformStep } from '../kind';
import type { DesiredMeeting } from './plan';

/** One license call; `externalId` is how the platform knows the license belongs to this account. */
export type MeetingStep = PlatformStep & { parentLicense?: string; plan?: string } & (
    | { op: 'meeting.create'; lines: number; profileId: string | null; trialDays?: number; blocked: boolean }
    | { op: 'meeting.setLines'; licenseNumber: string; lines: number }
    | { op: 'meeting.setProfile'; licenseNumber: string; profileId: string | null }
    | { op: 'meeting.convertTrial' | 'meeting.block' | 'meeting.unblock' | 'meeting.delete' | 'meeting.record'; licenseNumber: string }
  );

const platformOf = (ctx: KindContext, name: string): MeetingLicensePlatform => ctx.connectors.get(meetingPort, name);

/**
 * Reads the license the platform holds for this account (by the account's external id under
 * the parent) and lists the calls that make it match billing. An account without the service has
 * nothing on the platform: no call is made for it.
 */
export async function planMeetingSteps(ctx: KindContext, desired: DesiredMeeting, known: SlotState | undefined): Promise<MeetingStep[]> {
  // Nothing to remove: the workflow attached nothing, and (reconcile, which has no record) billing never listed the service here.
  if (!desired.present && !known?.attached && (ctx.purpose === 'apply' || !desired.subscriptionId)) return [];
  if (desired.present && desired.planError) throw ApplicationFailure.nonRetryable(`${desired.planError}; configure it, then retry`, 'UnknownPlan');
  const platform = platformOf(ctx, desired.platform);
  const base = { platform: desired.platform, service: desired.service, parentLicense: desired.parentLicense, plan: desired.plan };
  const license = await platform.findLicense({ externalId: ctx.externalId, parentLicense: desired.parentLicense });
  if (!desired.present) return license ? [{ ...base, op: 'meeting.delete', licenseNumber: license.licenseNumber }] : [];
  if (!license) return [{ ...base, op: 'meeting.create', lines: desired.lines, profileId: desired.profileId, trialDays: desired.trialDays, blocked: desired.blocked }];
  const licenseNumber = license.licenseNumber;
  const steps: MeetingStep[] = [];
  // A trial plan keeps the license it has; moving to a full plan makes the trial a full license.
  if (license.trial && desired.trialDays === undefined) steps.push({ ...base, op: 'meeting.convertTrial', licenseNumber });
  if (license.lines !== desired.lines) steps.push({ ...base, op: 'meeting.setLines', licenseNumber, lines: desired.lines });
  if ((license.profileId ?? null) !== desired.profileId) steps.push({ ...base, op: 'meeting.setProfile', licenseNumber, profileId: desired.profileId });
  const blocked = license.status === 'blocked';
  if (desired.blocked && !blocked) steps.push({ ...base, op: 'meeting.block', licenseNumber });
  if (!desired.blocked && blocked) steps.push({ ...base, op: 'meeting.unblock', licenseNumber });
  // Already right on the platform but unknown to the workflow: a read records the state (not a drift).
  if (steps.length === 0 && !known?.attached && ctx.purpose === 'apply') steps.push({ ...base, op: 'meeting.record', licenseNumber });
  return steps;
}

export async function applyMeetingStep(ctx: KindContext, step: MeetingStep, _idempotencyKey: string): Promise<SlotState> {
  const platform = platformOf(ctx, step.platform);
  const { externalId, logger } = ctx;
  let license: MeetingLicense | undefined;
  switch (step.op) {
    case 'meeting.create': {
      // The license is found by the account's external id before one is created: a retry finds what the first attempt made.
      const holder = await holderOf(ctx);
      const made = await platform.ensureLicense({
        externalId,
        parentLicense: step.parentLicense,
        name: holder.name,
        ...(holder.email ? { email: holder.email } : {}),
        profileId: step.profileId,
        lines: step.lines,
        ...(step.trialDays === undefined ? {} : { trialDays: step.trialDays }),
      });
      license = step.blocked && made.license.status !== 'blocked' ? await platform.setBlocked({ licenseNumber: made.license.licenseNumber, blocked: true }) : made.license;
      logger.info({ subscriber: externalId, platform: step.platform, licenseNumber: license.licenseNumber, created: made.created, trial: license.trial }, made.created ? 'meeting license created' : 'meeting license found');
      break;
    }
    case 'meeting.setLines':
      license = await platform.setLines({ licenseNumber: step.licenseNumber, lines: step.lines });
      break;
    case 'meeting.setProfile':
      license = await platform.setProfile({ licenseNumber: step.licenseNumber, profileId: step.profileId });
      break;
    case 'meeting.convertTrial':
      license = await platform.convertTrial({ licenseNumber: step.licenseNumber });
      break;
    case 'meeting.block':
    case 'meeting.unblock':
      license = await platform.setBlocked({ licenseNumber: step.licenseNumber, blocked: step.op === 'meeting.block' });
      break;
    case 'meeting.delete': {
      const { deleted } = await platform.deleteLicense({ licenseNumber: step.licenseNumber });
      logger.info({ subscriber: externalId, platform: step.platform, licenseNumber: step.licenseNumber, deleted }, 'meeting license deleted');
      return { platform: step.platform, service: step.service, attached: false, capabilities: [], summary: `license ${step.licenseNumber} deleted` };
    }
    case 'meeting.record':
      license = await platform.readLicense({ licenseNumber: step.licenseNumber });
      if (!license) throw ApplicationFailure.retryable(`${step.platform} no longer shows license ${step.licenseNumber}`, 'Transient');
      break;
  }
  return slotOf(step, license);
}

/** The holder's name and e-mail from billing when it can tell them; else the account's external id names the license. */
async function holderOf(ctx: KindContext): Promise<{ name: string; email?: string }> {
  if (!ctx.billing.accountHolder) return { name: ctx.externalId };
  const holder = await ctx.billing.accountHolder(ctx.key.account);
  return { name: holder.name.slice(0, 200), email: holder.email };
}

function slotOf(step: MeetingStep, license: MeetingLicense): SlotState {
  return {
    platform: step.platform,
    service: step.service,
    attached: true,
    profileId: license.licenseNumber,
    attachmentId: license.licenseNumber,
    capabilities: [],
    detail: {
      licenseNumber: license.licenseNumber,
      parentLicense: license.parentLicense,
      plan: step.plan,
      lines: license.lines,
      profileId: license.profileId,
      profileName: license.profileName,
      status: license.status,
      trial: license.trial,
      trialEndsAt: license.trialEndsAt,
    },
    summary: summary(license),
  };
}

function summary(license: MeetingLicense): string {
  const profile = license.profileName ?? license.profileId;
  const trial = license.trial ? `, trial until ${license.trialEndsAt?.slice(0, 10) ?? '?'}` : '';
  return `license ${license.licenseNumber}, ${license.lines} line${license.lines === 1 ? '' : 's'}${profile ? `, profile ${profile}` : ''}, ${license.status}${trial}`;
}

export function describeMeetingStep(step: MeetingStep): string {
  switch (step.op) {
    case 'meeting.create':
      return `${step.op} ${step.lines} lines${step.profileId ? ` profile ${step.profileId}` : ''}${step.trialDays ? ` trial ${step.trialDays} days` : ''}${step.blocked ? ' blocked' : ''}`;
    case 'meeting.setLines':
      return `${step.op} ${step.licenseNumber} ${step.lines}`;
    case 'meeting.setProfile':
      return `${step.op} ${step.licenseNumber} ${step.profileId ?? '(none)'}`;
    default:
      return `${step.op} ${step.licenseNumber}`;
  }
}

/** The license number of a slot the workflow confirmed, for session calls. */
export function licenseOf(slot: SlotState): string | undefined {
  const fromDetail = slot.detail?.licenseNumber;
  return typeof fromDetail === 'string' ? fromDetail : slot.profileId;
}
