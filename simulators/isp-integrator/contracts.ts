import { conflict, notFound, unprocessable } from './api-error';
import { decodeCursor, encodeCursor } from './cursor';
import type { IspIntegratorData } from './data';
import type { ContractedPlanRecord, ContractedPlanStatus, Customer, CustomerRecord, Page } from './model';
import { releaseBox } from './points';
import { requireActive, requireNotCancelled, requireRadiusLogin, requireTvPlan } from './rules';

/**
 * Customers and their contracted plans ("Planos Ativos"), with the TV tab's package rules:
 * "Add. Pacote" (extra packages only), "Cancelar Pacote" (kept in history), "Apagar Pacote"
 * (removed), plan change (option 2: the default package follows the plan) and extra fields.
 */

export function createCustomer(data: IspIntegratorData, input: { id?: string; name: string; document?: string }): CustomerRecord {
  if (input.id !== undefined && data.customers.has(input.id)) throw conflict('id', `customer "${input.id}" already exists`);
  const id = input.id ?? data.nextId('customer', (candidate) => data.customers.has(candidate));
  const customer: CustomerRecord = { seq: data.nextSeq(), id, name: input.name, planIds: [] };
  if (input.document !== undefined) customer.document = input.document;
  data.customers.set(id, customer);
  data.customerBySeq.set(customer.seq, customer);
  data.customerOrder.add(customer.seq);
  return customer;
}

/** Contracts a plan; a TV plan starts with its released ("liberado") package as the default package. */
export function addContractedPlan(data: IspIntegratorData, customerId: string, input: { id?: string; planId: string; radiusLogin?: string }, now = new Date().toISOString()): ContractedPlanRecord {
  const customer = data.customer(customerId);
  const plan = data.plan(input.planId);
  if (input.id !== undefined && data.contractedPlans.has(input.id)) throw conflict('id', `contracted plan "${input.id}" already exists`);
  if (input.radiusLogin !== undefined) claimRadiusLogin(data, input.radiusLogin, undefined);
  const id = input.id ?? data.nextId('contractedPlan', (candidate) => data.contractedPlans.has(candidate));
  const cp: ContractedPlanRecord = {
    seq: data.nextSeq(), id, customerId, planId: plan.id, status: 'active', packages: [], points: [], extraFields: {}, updatedAt: now,
  };
  if (input.radiusLogin !== undefined) {
    cp.radiusLogin = input.radiusLogin;
    data.radiusLogins.set(input.radiusLogin, id);
  }
  if (plan.allowsTvPlans && plan.releasedPackageId) cp.packages.push({ packageId: plan.releasedPackageId, kind: 'default', price: 0, status: 'active', addedAt: now });
  data.contractedPlans.set(id, cp);
  data.contractedPlanBySeq.set(cp.seq, cp);
  customer.planIds.push(id);
  data.touch(cp, now);
  return cp;
}

const allowedTransitions: Record<ContractedPlanStatus, ContractedPlanStatus[]> = {
  active: ['active', 'suspended', 'cancelled'],
  suspended: ['suspended', 'active', 'cancelled'],
  cancelled: ['cancelled'],
};

/** Sets the RADIUS login or the status. Cancelling collects the set-top boxes: its points are removed. */
export function updateContractedPlan(data: IspIntegratorData, customerId: string, contractedPlanId: string, input: { radiusLogin?: string; status?: ContractedPlanStatus }): ContractedPlanRecord {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  if (input.status !== undefined && !allowedTransitions[cp.status].includes(input.status)) {
    throw unprocessable('status', `a ${cp.status} contracted plan cannot become ${input.status}`);
  }
  if (input.radiusLogin !== undefined && input.radiusLogin !== cp.radiusLogin) {
    claimRadiusLogin(data, input.radiusLogin, cp.id);
    if (cp.radiusLogin !== undefined) data.radiusLogins.delete(cp.radiusLogin);
    cp.radiusLogin = input.radiusLogin;
    data.radiusLogins.set(input.radiusLogin, cp.id);
  }
  if (input.status !== undefined && input.status !== cp.status) {
    cp.status = input.status;
    if (input.status === 'cancelled') {
      for (const point of cp.points) releaseBox(data, point.casn);
      cp.points = [];
    }
  }
  data.touch(cp);
  return cp;
}

/** Option 2 of the manual: a closed package, changed by changing the plan. Extras stay. */
export function changePlan(data: IspIntegratorData, customerId: string, contractedPlanId: string, planId: string, now = new Date().toISOString()): ContractedPlanRecord {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  requireActive(cp);
  const plan = data.plan(planId);
  if (!plan.allowsTvPlans) throw unprocessable('planId', `plan "${planId}" does not allow TV plans ("Permite a criação de Planos de TV" is No)`);
  requireRadiusLogin(cp);
  if (cp.planId === planId) return cp;
  const currentDefault = cp.packages.find((p) => p.kind === 'default' && p.status === 'active');
  if (currentDefault?.packageId !== plan.releasedPackageId) {
    if (currentDefault) Object.assign(currentDefault, { status: 'cancelled', cancelledAt: now });
    if (plan.releasedPackageId) cp.packages.push({ packageId: plan.releasedPackageId, kind: 'default', price: 0, status: 'active', addedAt: now });
  }
  cp.planId = planId;
  data.touch(cp, now);
  return cp;
}

/** "Add. Pacote" → "Novo Pacote Extra": only packages marked "Pacote Extra"; the price may be overridden. */
export function addExtraPackage(data: IspIntegratorData, customerId: string, contractedPlanId: string, input: { packageId: string; price?: number }, now = new Date().toISOString()): ContractedPlanRecord {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  requireActive(cp);
  requireTvPlan(data, cp);
  requireRadiusLogin(cp);
  const pkg = data.package(input.packageId);
  if (!pkg.extra) throw unprocessable('packageId', `package "${pkg.id}" is not an extra package ("Pacote Extra" is No)`);
  if (cp.packages.some((p) => p.packageId === pkg.id && p.status === 'active')) throw conflict('packageId', `package "${pkg.id}" is already active on contracted plan "${cp.id}"`);
  cp.packages.push({ packageId: pkg.id, kind: 'extra', price: input.price ?? pkg.price, status: 'active', addedAt: now });
  data.touch(cp, now);
  return cp;
}

/** "Cancelar Pacote": the package stays in the plan's history as cancelled. Cancelling twice is harmless. */
export function cancelPackage(data: IspIntegratorData, customerId: string, contractedPlanId: string, packageId: string, now = new Date().toISOString()): ContractedPlanRecord {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  requireNotCancelled(cp);
  const entries = extraEntries(cp, packageId);
  const active = entries.find((p) => p.status === 'active');
  if (active) Object.assign(active, { status: 'cancelled', cancelledAt: now });
  data.touch(cp, now);
  return cp;
}

/** "Apagar Pacote": the package disappears from the plan, history included. */
export function deletePackage(data: IspIntegratorData, customerId: string, contractedPlanId: string, packageId: string): ContractedPlanRecord {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  requireNotCancelled(cp);
  extraEntries(cp, packageId);
  cp.packages = cp.packages.filter((p) => p.packageId !== packageId);
  data.touch(cp);
  return cp;
}

/** Sets the named extra fields ("Campo Extra"), keeps the others; null removes a field. */
export function setExtraFields(data: IspIntegratorData, customerId: string, contractedPlanId: string, fields: Record<string, string | null>): ContractedPlanRecord {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  for (const [name, value] of Object.entries(fields)) {
    if (value === null) delete cp.extraFields[name];
    else cp.extraFields[name] = value;
  }
  data.touch(cp);
  return cp;
}

function claimRadiusLogin(data: IspIntegratorData, login: string, contractedPlanId: string | undefined): void {
  const owner = data.radiusLogins.get(login);
  if (owner !== undefined && owner !== contractedPlanId) throw conflict('radiusLogin', `RADIUS login "${login}" is already used by contracted plan "${owner}"`);
}

/** The plan's entries for a package, which must be an extra: the default package changes with the plan. */
function extraEntries(cp: ContractedPlanRecord, packageId: string) {
  const entries = cp.packages.filter((p) => p.packageId === packageId);
  if (entries.length === 0) throw notFound('packageId', `contracted plan "${cp.id}" has no package "${packageId}"`);
  if (entries.some((p) => p.kind === 'default')) throw unprocessable('packageId', `package "${packageId}" is the plan's default package; change the plan instead`);
  return entries;
}

export function listCustomers(data: IspIntegratorData, query: { cursor?: string; limit: number }): Page<Customer> {
  const { seqs, more } = data.customerOrder.after(decodeCursor(query.cursor), query.limit);
  const items = seqs.map((seq) => data.customerView(data.customerBySeq.get(seq)!));
  return { items, nextCursor: more && seqs.length > 0 ? encodeCursor(seqs[seqs.length - 1]) : null };
}
