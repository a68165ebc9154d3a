import { addContractedPlan, addExtraPackage, createCustomer } from './contracts';
import type { IspIntegratorData } from './data';

export interface GenerateOptions {
  /** The TV plan every generated customer contracts (default: the first TV plan with a released package). */
  planId?: string;
  /** Extras handed out in turn (default: every extra package that costs money). */
  extraPackageIds?: string[];
  /** Share of customers that get one charged extra package, 0..1 (default 1). */
  chargedRatio?: number;
}

/**
 * Creates `count` customers, each with one active TV plan and a unique RADIUS login, for the
 * invoicing benchmark. Goes through the domain rules but skips HTTP, so 100,000 take about a second.
 */
export function generateCustomers(data: IspIntegratorData, count: number, options: GenerateOptions = {}): { created: number; firstCustomerId?: string; lastCustomerId?: string } {
  const plan = options.planId !== undefined ? data.plan(options.planId) : [...data.plans.values()].find((p) => p.allowsTvPlans && p.releasedPackageId);
  if (!plan) throw new Error('generate: the catalogue has no TV plan with a released package');
  const extras = options.extraPackageIds ?? [...data.packages.values()].filter((p) => p.extra && p.price > 0).map((p) => p.id);
  const ratio = options.chargedRatio ?? 1;
  const now = new Date().toISOString();
  let firstCustomerId: string | undefined;
  let lastCustomerId: string | undefined;
  for (let i = 0; i < count; i++) {
    const customer = createCustomer(data, { name: `Cliente Gerado ${i + 1}` });
    const cp = addContractedPlan(data, customer.id, { planId: plan.id, radiusLogin: `cliente.${customer.id}` }, now);
    // Spread charged customers evenly: customer i is charged when floor((i+1)*ratio) grows.
    if (extras.length > 0 && Math.floor((i + 1) * ratio) > Math.floor(i * ratio)) {
      addExtraPackage(data, customer.id, cp.id, { packageId: extras[i % extras.length] }, now);
    }
    firstCustomerId ??= customer.id;
    lastCustomerId = customer.id;
  }
  return { created: count, firstCustomerId, lastCustomerId };
}
