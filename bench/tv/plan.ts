import type { IspIntegratorBilling } from '../../connectors/isp-integrator';
import { connectorsImplementing } from '../../connectors/registry';
import { tvPort } from '../../connectors/tv/port';
import type { LifecycleEventInput } from '../../domain/events';
import type { IspIntegratorSeed } from '../../simulators/isp-integrator/seed';
import { extraPackageFor as billingExtraFor, seedWithTvPlans } from '../../simulators/isp-integrator/tv-plans';
import type { TvEvent } from '../../simulators/tv';

export const BILLING = 'isp-integrator';

/** One TV platform the bench drives: every TV connector in the registry. */
export interface BenchTvPlatform {
  kind: string;
  /** Set-top points exist on it (Deezer, a music service, has none). */
  devices: boolean;
}

export function benchTvPlatforms(): BenchTvPlatform[] {
  return connectorsImplementing(tvPort).map((d) => ({ kind: d.kind, devices: d.features?.devices ?? true }));
}

/** ISP-Integrator's seed with a TV plan for every platform the bench drives. */
export function benchIspSeed(platforms = benchTvPlatforms()): { seed: IspIntegratorSeed; planByPlatform: Record<string, string> } {
  return seedWithTvPlans(platforms);
}

/** One bench customer with one TV plan on one platform. */
export interface TvBenchSubscriber {
  index: number;
  platform: string;
  login: string;
  /** The set-top box its point gets; none on a platform without set-top points. */
  casn?: string;
}

/** A subscriber once billing holds its customer and contracted plan (and its box in stock). */
export interface PreparedSubscriber extends TvBenchSubscriber {
  customerId: string;
  contractedPlanId: string;
}

/** N subscribers spread over the platforms in turn, so each gets N/platforms (±1). */
export function tvBenchSubscribers(count: number, platforms = benchTvPlatforms()): TvBenchSubscriber[] {
  return Array.from({ length: count }, (_, i) => {
    const platform = platforms[i % platforms.length]!;
    const n = String(i + 1).padStart(7, '0');
    return { index: i + 1, platform: platform.kind, login: `bench.tv.${n}`, casn: platform.devices ? `BENCH${n}` : undefined };
  });
}

/** Billing before the first event: the customer, its contracted TV plan with the RADIUS login, and its box registered. */
export async function prepareInBilling(staff: IspIntegratorBilling, s: TvBenchSubscriber, planByPlatform: Record<string, string>): Promise<PreparedSubscriber> {
  const customer = await staff.createCustomer({ name: `Bench TV ${s.index}` });
  const plan = await staff.addContractedPlan({ customerId: customer.id, planId: planByPlatform[s.platform], radiusLogin: s.login });
  if (s.casn) await staff.registerSetTopBox({ casn: s.casn, assetNumber: `PAT-BENCH-${s.index}` });
  return { ...s, customerId: customer.id, contractedPlanId: plan.id };
}

export type TvCommand = 'create' | 'tv.package.add' | 'tv.point.add' | 'block' | 'unblock' | 'disable';

/** One TV command: what ISP-Integrator's staff changes first, then the event billing's hook sends. */
export interface TvStep {
  type: TvCommand;
  /** False for platforms the command does not exist on. */
  appliesTo(s: TvBenchSubscriber): boolean;
  /** The staff's change over billing's REST API; returns the event's own fields. Not timed: it causes the command. */
  inBilling(staff: IspIntegratorBilling, s: PreparedSubscriber): Promise<Record<string, unknown>>;
  /** What the platform logs for it, in order, to check the final state. */
  platformEvents: TvEvent['type'][];
}

const always = () => true;
const ref = (s: PreparedSubscriber) => ({ customerId: s.customerId, contractedPlanId: s.contractedPlanId });
const setStatus = (status: 'active' | 'suspended' | 'cancelled') => async (staff: IspIntegratorBilling, s: PreparedSubscriber) => {
  await staff.updateContractedPlan({ ...ref(s), status });
  return {};
};
/** An extra billing sells for the platform (Deezer: a music option; the others: a TV channel). */
export const extraPackageFor = (s: TvBenchSubscriber) => billingExtraFor(s.platform).id;

export const TV_LIFECYCLE: readonly TvStep[] = [
  { type: 'create', appliesTo: always, inBilling: async () => ({}), platformEvents: ['subscriber.created', 'package.base_set'] },
  {
    type: 'tv.package.add',
    appliesTo: always,
    inBilling: async (staff, s) => {
      await staff.addExtraPackage({ ...ref(s), packageId: extraPackageFor(s) });
      return { subscription: s.contractedPlanId, package: extraPackageFor(s) };
    },
    platformEvents: ['package.added'],
  },
  {
    type: 'tv.point.add',
    appliesTo: (s) => s.casn !== undefined,
    inBilling: async (staff, s) => {
      const { point } = await staff.addPoint({ ...ref(s), location: 'Sala', casn: s.casn! });
      return { subscription: s.contractedPlanId, point: point.id, casn: s.casn };
    },
    platformEvents: ['device.bound'],
  },
  { type: 'block', appliesTo: always, inBilling: async (staff, s) => ({ ...(await setStatus('suspended')(staff, s)), reason: 'other' }), platformEvents: ['subscriber.suspended'] },
  { type: 'unblock', appliesTo: always, inBilling: setStatus('active'), platformEvents: ['subscriber.resumed'] },
  { type: 'disable', appliesTo: always, inBilling: setStatus('cancelled'), platformEvents: ['subscriber.removed'] },
];

export function tvEvent(s: PreparedSubscriber, step: TvStep, fields: Record<string, unknown>): LifecycleEventInput {
  return { id: `bench-tv-${s.index}-${step.type}`, billing: BILLING, account: s.customerId, type: step.type, ...fields } as LifecycleEventInput;
}
