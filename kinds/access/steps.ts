import { ApplicationFailure } from '@temporalio/common';
import { accessPort } from '../../connectors/access/port';
import type { SlotState } from '../../domain/slot';
import type { KindContext, PlatformStep } from '../kind';
import type { DesiredAccess } from './plan';

export type AccessStep = PlatformStep &
  (
    | { op: 'attach'; login: string; label?: string; capabilities: string[] }
    /** `at`: where the planning read found the account, so the write needs no look-up. */
    | { op: 'setCapabilities'; login: string; capabilities: string[]; at?: { profileId: string; attachmentId: string } }
    | { op: 'detach'; login: string }
  );

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Plans the capability platform (intercom) side: attach (link before create), change
 * capabilities, or detach, reading the platform first so a step already done is not repeated.
 */
export async function planAccessSteps(ctx: KindContext, desired: DesiredAccess, known: SlotState | undefined): Promise<AccessStep[]> {
  const platform = ctx.connectors.get(accessPort, desired.platform);
  const { externalId } = ctx;
  const base = { platform: desired.platform, service: desired.service };
  const steps: AccessStep[] = [];
  // The account may sit under a login billing no longer has (login changed): leave that profile first.
  if (known?.attached && known.login && (!desired.present || known.login !== desired.login)) {
    const old = await platform.read({ login: known.login, externalId });
    if (old.attached) steps.push({ ...base, op: 'detach', login: known.login });
  }
  if (!desired.present) {
    if (desired.login && desired.login !== known?.login) {
      const cur = await platform.read({ login: desired.login, externalId });
      if (cur.attached) steps.push({ ...base, op: 'detach', login: desired.login });
    }
    return steps;
  }
  if (!desired.login) {
    throw ApplicationFailure.nonRetryable(`account ${ctx.key.account} in ${ctx.key.billing} has no platform login (billing field "${ctx.loginField}" is empty); set it in billing, then retry`, 'MissingLogin');
  }
  const cur = await platform.read({ login: desired.login, externalId });
  const at = cur.profileId && cur.attachmentId ? { profileId: cur.profileId, attachmentId: cur.attachmentId } : undefined;
  if (!cur.attached) steps.push({ ...base, op: 'attach', login: desired.login, label: desired.label, capabilities: desired.capabilities });
  else if (!sameSet(cur.capabilities, desired.capabilities)) steps.push({ ...base, op: 'setCapabilities', login: desired.login, capabilities: desired.capabilities, at });
  // Already right on the platform but unknown to the workflow: a no-op write records the state (not a drift).
  else if (!known?.attached && ctx.purpose === 'apply') steps.push({ ...base, op: 'setCapabilities', login: desired.login, capabilities: desired.capabilities, at });
  return steps;
}

export async function applyAccessStep(ctx: KindContext, step: AccessStep, idempotencyKey: string): Promise<SlotState> {
  const platform = ctx.connectors.get(accessPort, step.platform);
  const { externalId, logger } = ctx;
  const base = { platform: step.platform, service: step.service, login: step.login };
  switch (step.op) {
    case 'attach': {
      const r = await platform.attach({ login: step.login, externalId, label: step.label, capabilities: step.capabilities, idempotencyKey });
      logger.info({ subscriber: externalId, platform: step.platform, login: step.login, linked: r.linked }, r.linked ? 'linked to existing platform profile' : 'created platform profile');
      return { ...base, attached: true, profileId: r.profileId, attachmentId: r.attachmentId, capabilities: step.capabilities, summary: summary(step.capabilities) };
    }
    case 'setCapabilities': {
      // The platform answers what it confirmed: no read-back.
      const v = await platform.setCapabilities({ login: step.login, externalId, capabilities: step.capabilities, idempotencyKey, at: step.at });
      return { ...base, attached: v.attached, profileId: v.profileId, attachmentId: v.attachmentId, capabilities: v.capabilities, summary: v.attached ? summary(v.capabilities) : 'not attached' };
    }
    case 'detach': {
      const r = await platform.detach({ login: step.login, externalId, idempotencyKey });
      logger.info({ subscriber: externalId, platform: step.platform, login: step.login, profileRemoved: r.profileRemoved }, 'detached from platform');
      return { ...base, attached: false, capabilities: [], summary: 'not attached' };
    }
  }
}

const summary = (capabilities: string[]) => `attached, ${capabilities.join(', ') || 'no capabilities'}`;

export function describeAccessStep(step: AccessStep): string {
  return step.op === 'detach' ? `detach ${step.login}` : `${step.op} ${step.login} [${step.capabilities.join(', ')}]`;
}
