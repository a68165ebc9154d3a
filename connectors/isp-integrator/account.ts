import type { BillingAccount, BillingService } from '../ports';
import type { ContractedPlan, Customer, PlanSettings } from './schemas';

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
export function toBillingAccount(billing: string, customer: Customer, plans: ReadonlyMap<string, PlanSettings>): IspIntegratorAccount {
  const tv = customer.plans.filter((cp) => plans.get(cp.planId)?.allowsTvPlans === true);
  const relevant = tv.length > 0 ? tv : customer.plans;
  const status = accountStatus(relevant);
  const login = (tv.find((cp) => cp.status === 'active' && cp.radiusLogin) ?? tv.find((cp) => cp.radiusLogin))?.radiusLogin;
  const changedAt = relevant.map((cp) => cp.updatedAt).filter((t): t is string => t !== undefined).sort().at(-1);
  const services: BillingService[] = tv.map((cp) => ({ service: 'tv', externalId: cp.id, active: cp.status === 'active' }));
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

function accountStatus(plans: ContractedPlan[]): BillingAccount['status'] {
  if (plans.length === 0) return 'new';
  if (plans.some((cp) => cp.status === 'active')) return 'active';
  if (plans.some((cp) => cp.status === 'suspended')) return 'blocked';
  return 'disabled';
}
