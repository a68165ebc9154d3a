import type { IspIntegratorBilling } from '../../connectors/isp-integrator';
import type { LifecycleEventInput } from '../../domain/events';
import { tvFlavourNames, type TvEvent, type TvFlavourName } from '../../simulators/tv';

export const BILLING = 'isp-integrator';

/** The default seed's TV plan for each platform (ISP-Integrator's `tvPlatform` picks the platform). */
export const PLAN_BY_PLATFORM: Record<TvFlavourName, string> = {
  beenius: 'TV-BEENIUS',
  cdntv: 'TV-CDNTV',
  ion: 'TV-ION',
  neotv: 'TV-NEOTV',
  mcr: 'TV-MCR',
  deezer: 'MUSICA-DEEZER',
  maxitv: 'TV-MAXITV',
};

/** One bench customer with one TV plan on one platform. */
export interface TvBenchSubscriber {
  index: number;
  platform: TvFlavourName;
  login: string;
  /** The set-top box its point gets; Deezer is a music service without set-top points. */
  casn?: string;
}

/** A subscriber once billing holds its customer and contracted plan (and its box in stock). */
export interface PreparedSubscriber extends TvBenchSubscriber {
  customerId: string;
  contractedPlanId: string;
}

/** N subscribers spread over the seven platforms in turn, so each gets N/7 (±1). */
export function tvBenchSubscribers(count: number): TvBenchSubscriber[] {
  return Array.from({ length: count }, (_, i) => {
    const platform = tvFlavourNames[i % tvFlavourNames.length]!;
    const n = String(i + 1).padStart(7, '0');
    return { index: i + 1, platform, login: `bench.tv.${n}`, casn: platform === 'deezer' ? undefined : `BENCH${n}` };
  });
}

/** Billing before the first event: the customer, its contracted TV plan with the RADIUS login, and its box registered. */
export async function prepareInBilling(staff: IspIntegratorBilling, s: TvBenchSubscriber): Promise<PreparedSubscriber> {
  const customer = await staff.createCustomer({ name: `Bench TV ${s.index}` });
  const plan = await staff.addContractedPlan({ customerId: customer.id, planId: PLAN_BY_PLATFORM[s.platform], radiusLogin: s.login });
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
/** An extra the platform's catalogue has: Deezer sells music options, the others TV channels. */
export const extraPackageFor = (s: TvBenchSubscriber) => (s.platform === 'deezer' ? 'PKG-DEEZER-FAMILIA' : 'PKG-HBO');

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
