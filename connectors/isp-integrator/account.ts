import type { BillingAccount, BillingService, TvSubscription } from '../../domain/billing';
import type { ContractedPlan, Customer, PlanSettings, TvPackage } from './schemas';

/** A TV contracted plan as the account shows it: which platform delivers it and under which login. */
export interface TvPlanSummary {
  contractedPlanId: string;
  planId: string;
  tvPlatform: PlanSettings['tvPlatform'];
  status: ContractedPlan['status'];
  radiusLogin?: string;
}

/** ISP-Integrator's view of a billing account: the customer, with its contracted plans exposed. */
export interface IspIntegratorAccount extends BillingAccount {
  contractedPlans: ContractedPlan[];
  tvPlans: TvPlanSummary[];
}

/**
 * Maps a customer onto the BillingAccount port. The account is the customer ("<customerId>"), which
 * may hold several TV plans: each TV contracted plan is one `tv` service (externalId = contracted
 * plan id), and `login` is the RADIUS login of the first active TV plan that has one.
 */
export function toBillingAccount(
  billing: string,
  customer: Customer,
  plans: ReadonlyMap<string, PlanSettings>,
  packages: ReadonlyMap<string, TvPackage> = new Map(),
  servicePlans: Readonly<Record<string, readonly string[]>> = {},
): IspIntegratorAccount {
  const tv = customer.plans.filter((cp) => plans.get(cp.planId)?.allowsTvPlans === true);
  const relevant = tv.length > 0 ? tv : customer.plans;
  const status = accountStatus(relevant);
  const login = (tv.find((cp) => cp.status === 'active' && cp.radiusLogin) ?? tv.find((cp) => cp.radiusLogin))?.radiusLogin;
  const changedAt = relevant.map((cp) => cp.updatedAt).filter((t): t is string => t !== undefined).sort().at(-1);
  const services: BillingService[] = [...tv.map((cp) => ({ service: 'tv', externalId: cp.id, active: cp.status === 'active' })), ...planServices(customer.plans, servicePlans)];
  return {
    billing,
    accountId: customer.id,
    // ISP-Integrator has no separate contract entity for TV: the customer is what gets billed.
    agreementId: customer.id,
    ...(login !== undefined ? { login } : {}),
    status,
    // A suspension in ISP-Integrator does not say why.
    ...(status === 'blocked' ? { blockReason: 'other' as const } : {}),
    services,
    ...(changedAt !== undefined ? { changedAt } : {}),
    tv: tv.map((cp) => tvSubscription(cp, plans.get(cp.planId), packages)),
    contractedPlans: customer.plans,
    tvPlans: tv.map((cp) => ({
      contractedPlanId: cp.id,
      planId: cp.planId,
      tvPlatform: plans.get(cp.planId)?.tvPlatform ?? null,
      status: cp.status,
      ...(cp.radiusLogin !== undefined ? { radiusLogin: cp.radiusLogin } : {}),
    })),
  };
}

/** A TV contracted plan in the platform's terms: package codes instead of billing's package ids. */
export function tvSubscription(cp: ContractedPlan, plan: PlanSettings | undefined, packages: ReadonlyMap<string, TvPackage>): TvSubscription {
  const code = (packageId: string | null | undefined) => (packageId ? packages.get(packageId)?.platformCode ?? packageId : undefined);
  const base = cp.packages.find((p) => p.kind === 'default' && p.status === 'active')?.packageId ?? plan?.releasedPackageId;
  return {
    subscriptionId: cp.id,
    platform: plan?.tvPlatform ?? null,
    status: cp.status,
    ...(cp.radiusLogin !== undefined ? { login: cp.radiusLogin } : {}),
    ...(code(base) !== undefined ? { basePackage: code(base) } : {}),
    extraPackages: cp.packages.filter((p) => p.kind === 'extra' && p.status === 'active').map((p) => code(p.packageId)!),
    devices: cp.points.map((p) => ({ casn: p.casn, location: p.location })),
    fields: cp.extraFields,
  };
}

/**
 * Contracted plans of the plans configured for one of our services (`servicePlans`): the plan id
 * says what is sold, a suspended plan is held but suspended, a cancelled one is gone, and its
 * extra fields take what subsync writes back.
 */
function planServices(contracted: ContractedPlan[], servicePlans: Readonly<Record<string, readonly string[]>>): BillingService[] {
  return contracted.flatMap((cp) =>
    Object.entries(servicePlans)
      .filter(([, planIds]) => planIds.includes(cp.planId))
      .map(([service]) => ({ service, externalId: cp.id, active: cp.status === 'active', plan: cp.planId, suspended: cp.status === 'suspended', fields: cp.extraFields })),
  );
}

function accountStatus(plans: ContractedPlan[]): BillingAccount['status'] {
  if (plans.length === 0) return 'new';
  if (plans.some((cp) => cp.status === 'active')) return 'active';
  if (plans.some((cp) => cp.status === 'suspended')) return 'blocked';
  return 'disabled';
}
