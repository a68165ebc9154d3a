import { ApplicationFailure } from '@temporalio/common';
import { TvPlatform, tvPort, TvSubscriberState } from '../../connectors/tv/port';
import type { SlotState } from '../../domain/slot';
import type { KindContext, PlatformStep } from '../kind';
import type { DesiredTv } from './plan';

/** One TV platform call; `key` is the subscription's slot in the workflow's state. */
export type TvStep = PlatformStep & { key: string; subscriptionId: string; login: string } & (
    | { op: 'tv.ensure'; name?: string }
    | { op: 'tv.setBase' | 'tv.addExtra' | 'tv.removeExtra'; packageCode: string }
    | { op: 'tv.bind'; casn: string; location?: string }
    | { op: 'tv.unbind'; casn: string }
    | { op: 'tv.swap'; oldCasn: string; newCasn: string }
    | { op: 'tv.suspend' | 'tv.resume' | 'tv.remove' }
    /** Copies platform data (Beenius id and PIN) into billing, after the platform confirmed it. */
    | { op: 'tv.writeBack' }
  );

/**
 * The TV platform billing names for a plan. An unknown code parks this subscriber with the reason
 * (billing sells a platform nobody configured); nothing else is touched.
 */
function platformFor(ctx: KindContext, desired: Pick<DesiredTv, 'platform' | 'platformCode' | 'subscriptionId'>): TvPlatform {
  if (!desired.platform) throw ApplicationFailure.nonRetryable(`TV plan ${desired.subscriptionId} names no TV platform in billing (plan setting "tvPlatform")`, 'NoTvPlatform');
  const platform = ctx.connectors.find(tvPort, desired.platform);
  if (!platform) {
    const configured = ctx.connectors.names(tvPort);
    throw ApplicationFailure.nonRetryable(
      `TV plan ${desired.subscriptionId} is delivered by "${desired.platformCode ?? desired.platform}" in billing, but no TV platform of that name is configured (configured: ${configured.join(', ') || 'none'}); add it to the config's platforms (or map the code with services.<name>.platformByCode), then retry`,
      'UnknownPlatform',
    );
  }
  return platform;
}

/**
 * Plans and applies TV changes: compares what billing says (DesiredTv) with what the TV
 * platform holds and yields one idempotent call per difference, in an order the platforms
 * accept (subscriber first, packages, points, status, then the write-back to billing).
 */
export async function planTvSteps(ctx: KindContext, desired: DesiredTv, known: SlotState | undefined): Promise<TvStep[]> {
  const platform = platformFor(ctx, desired);
  const base = { platform: platform.name, service: desired.service, key: desired.slot, subscriptionId: desired.subscriptionId };
  const steps: TvStep[] = [];
  // A RADIUS login changed in billing means another subscriber on the platform: remove the old one.
  if (known?.attached && known.login && (!desired.present || known.login !== desired.login)) {
    if (await read(ctx, platform, known.login)) steps.push({ ...base, login: known.login, op: 'tv.remove' });
  }
  if (!desired.present) {
    if (desired.login && desired.login !== known?.login && (await read(ctx, platform, desired.login))) steps.push({ ...base, login: desired.login, op: 'tv.remove' });
    return steps;
  }
  if (!desired.login) {
    throw ApplicationFailure.nonRetryable(
      `TV plan ${desired.subscriptionId} has no RADIUS login ("Login de Radius" on the plan); ISP-Integrator needs it for TV. Set it in billing, then retry`,
      'MissingLogin',
    );
  }
  const login = desired.login;
  const current = await read(ctx, platform, login);
  const have: TvSubscriberState = current ?? { subscriberId: '', login, status: 'active', extraPackages: [], devices: [] };
  if (!current) steps.push({ ...base, login, op: 'tv.ensure' });
  if (desired.basePackage && have.basePackage !== desired.basePackage) steps.push({ ...base, login, op: 'tv.setBase', packageCode: desired.basePackage });
  for (const code of have.extraPackages.filter((c) => !desired.extraPackages.includes(c))) steps.push({ ...base, login, op: 'tv.removeExtra', packageCode: code });
  for (const code of desired.extraPackages.filter((c) => !have.extraPackages.includes(c))) steps.push({ ...base, login, op: 'tv.addExtra', packageCode: code });
  if (platform.supportsDevices) steps.push(...deviceSteps(have.devices, desired.devices).map((d) => ({ ...base, login, ...d })));
  if (desired.suspended && have.status !== 'suspended') steps.push({ ...base, login, op: 'tv.suspend' });
  if (!desired.suspended && have.status === 'suspended') steps.push({ ...base, login, op: 'tv.resume' });
  const writeBack = platform.billingFields && (!current || differs(platform.billingFields(current), desired.fields));
  if (writeBack && ctx.purpose === 'apply') steps.push({ ...base, login, op: 'tv.writeBack' });
  return steps;
}

type DeviceStep = { op: 'tv.bind'; casn: string; location?: string } | { op: 'tv.unbind'; casn: string } | { op: 'tv.swap'; oldCasn: string; newCasn: string };

/** A point whose box changed ("Trocar Ponto") is a swap; other differences bind or unbind. */
export function deviceSteps(have: { casn: string; location?: string }[], want: { casn: string; location?: string }[]): DeviceStep[] {
  // A box moved to another point ("Editar Ponto") is bound again there: the platforms have no "move" call.
  const moved = want.filter((w) => have.some((h) => h.casn === w.casn && w.location !== undefined && h.location !== w.location));
  const gone = have.filter((h) => !want.some((w) => w.casn === h.casn) || moved.some((m) => m.casn === h.casn));
  const added = [...want.filter((w) => !have.some((h) => h.casn === w.casn)), ...moved];
  const steps: DeviceStep[] = [];
  for (const a of added) {
    const i = gone.findIndex((g) => g.casn !== a.casn && g.location !== undefined && g.location === a.location);
    if (i >= 0) steps.push({ op: 'tv.swap', oldCasn: gone.splice(i, 1)[0].casn, newCasn: a.casn });
    else steps.push({ op: 'tv.bind', casn: a.casn, location: a.location });
  }
  // Unbind before binding new boxes would be tidier, but a swap must not see its old box already gone.
  return [...gone.map((g): DeviceStep => ({ op: 'tv.unbind', casn: g.casn })), ...steps];
}

const platformIdKey = (platform: TvPlatform, login: string) => `${platform.name} ${login}`;

/** The platform's state of a login; its id, or null when there is none, is remembered for this attempt's writes (KindContext.platformIds). */
async function read(ctx: KindContext, platform: TvPlatform, login: string): Promise<TvSubscriberState | null> {
  const state = await platform.read({ login });
  ctx.platformIds.set(platformIdKey(platform, login), state ? state.subscriberId : null);
  return state;
}

const differs = (want: Record<string, string>, have: Record<string, string>) => Object.entries(want).some(([k, v]) => have[k] !== v);

export async function applyTvStep(ctx: KindContext, step: TvStep, idempotencyKey: string): Promise<SlotState> {
  const platform = platformFor(ctx, { platform: step.platform, subscriptionId: step.subscriptionId });
  const { login } = step;
  const { billing, externalId } = ctx;
  // What this attempt's planning read, or the previous step's answer or read-back, found: the id
  // (no look-up before the write), or null (no subscriber: create without a look-up).
  const seen = ctx.platformIds.get(platformIdKey(platform, login));
  const subscriberId = seen ?? undefined;
  const accountId = ctx.key.account;
  // The platform's answer to the write, where it carries the subscriber, is its confirmation of the
  // state the write left: no read-back then. (A retry the platform replays by its idempotency key
  // answers the state that write left; the next command plans against a fresh read either way.)
  let answered: TvSubscriberState | undefined;
  switch (step.op) {
    case 'tv.ensure':
      answered = (await platform.ensureSubscriber({ login, externalId, name: step.name, idempotencyKey, absent: seen === null })).state;
      break;
    case 'tv.setBase':
      answered = await platform.setBasePackage({ login, subscriberId, packageCode: step.packageCode, idempotencyKey });
      break;
    case 'tv.addExtra':
      answered = await platform.addExtraPackage({ login, subscriberId, packageCode: step.packageCode, idempotencyKey });
      break;
    case 'tv.removeExtra':
      answered = await platform.removeExtraPackage({ login, subscriberId, packageCode: step.packageCode, idempotencyKey });
      break;
    case 'tv.bind':
      answered = await platform.bindDevice({ login, subscriberId, casn: step.casn, location: step.location, idempotencyKey });
      break;
    case 'tv.unbind':
      answered = await platform.unbindDevice({ login, subscriberId, casn: step.casn, idempotencyKey });
      break;
    case 'tv.swap':
      answered = await platform.swapDevice({ login, subscriberId, oldCasn: step.oldCasn, newCasn: step.newCasn, idempotencyKey });
      break;
    case 'tv.suspend':
      answered = await platform.suspend({ login, subscriberId, idempotencyKey });
      break;
    case 'tv.resume':
      answered = await platform.resume({ login, subscriberId, idempotencyKey });
      break;
    case 'tv.remove':
      await platform.remove({ login, subscriberId, idempotencyKey });
      ctx.platformIds.set(platformIdKey(platform, login), null);
      return { platform: platform.name, service: step.service, subscriptionId: step.subscriptionId, login, attached: false, capabilities: [], summary: 'removed' };
    case 'tv.writeBack':
      break;
  }
  if (answered) ctx.platformIds.set(platformIdKey(platform, login), answered.subscriberId);
  const state = answered ?? (await read(ctx, platform, login));
  if (!state) throw ApplicationFailure.retryable(`${platform.name} does not show subscriber ${login} after ${step.op}`, 'Transient');
  if (step.op === 'tv.writeBack' && platform.billingFields) {
    if (!billing.setSubscriptionFields) throw ApplicationFailure.nonRetryable(`billing ${billing.name} cannot store platform fields`, 'UnsupportedBilling');
    await billing.setSubscriptionFields(accountId, step.subscriptionId, platform.billingFields(state));
  }
  return {
    platform: platform.name,
    service: step.service,
    subscriptionId: step.subscriptionId,
    login,
    attached: true,
    profileId: state.subscriberId,
    capabilities: [],
    detail: { subscriberId: state.subscriberId, status: state.status, basePackage: state.basePackage, extraPackages: state.extraPackages, devices: state.devices },
    summary: summary(state),
  };
}

function summary(state: TvSubscriberState): string {
  const packages = [state.basePackage, ...state.extraPackages].filter(Boolean).join(' + ') || 'no packages';
  const boxes = state.devices.length ? `, ${state.devices.length} box${state.devices.length === 1 ? '' : 'es'}` : '';
  return `${state.status}, ${packages}${boxes}`;
}

export function describeTvStep(step: TvStep): string {
  if ('packageCode' in step) return `${step.op} ${step.packageCode}`;
  if ('newCasn' in step) return `${step.op} ${step.oldCasn}→${step.newCasn}`;
  if ('casn' in step) return `${step.op} ${step.casn}`;
  return step.op;
}
