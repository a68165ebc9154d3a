import { notFound } from './api-error';
import type { ContractedPlan, ContractedPlanRecord, Customer, CustomerRecord, Plan, SetTopBox, StatementEntry, TvBillingEvent, TvPackage } from './model';
import { SortedSeqIndex } from './sorted-index';

/**
 * Everything the simulated ISP-Integrator knows, with the indexes its listings need. The domain
 * modules (contracts, points, tv-billing) change it through their rules; this class only holds
 * data, finds records and keeps the charged-extras index in step with the contracted plans.
 */
export class IspIntegratorData {
  readonly plans = new Map<string, Plan>();
  readonly packages = new Map<string, TvPackage>();
  readonly pointLocations: string[] = [];
  readonly platformsWithoutPoints = new Set<string>();
  readonly setTopBoxes = new Map<string, SetTopBox>();
  /** assetNumber → casn: "No Set-Top box poderá buscar por Patrimônio". */
  readonly boxByAssetNumber = new Map<string, string>();

  readonly customers = new Map<string, CustomerRecord>();
  readonly customerBySeq = new Map<number, CustomerRecord>();
  readonly customerOrder = new SortedSeqIndex();
  readonly contractedPlans = new Map<string, ContractedPlanRecord>();
  readonly contractedPlanBySeq = new Map<number, ContractedPlanRecord>();
  /** RADIUS logins are unique across the ISP: login → contracted plan id. */
  readonly radiusLogins = new Map<string, string>();
  /** Contracted plans that the "Faturamento TV" screen would list right now. */
  readonly chargedExtras = new SortedSeqIndex();

  /** Billing events by id; an event's id is its sequence number. */
  readonly events = new Map<string, TvBillingEvent>();
  /** customer|contractedPlan|dueDate → event id: one event per plan and due date. */
  readonly eventByNaturalKey = new Map<string, string>();
  readonly eventOrder = new SortedSeqIndex();
  readonly eventsByDueDate = new Map<string, SortedSeqIndex>();
  readonly eventsByCustomer = new Map<string, SortedSeqIndex>();
  readonly pendingEvents = new Set<string>();
  readonly statements = new Map<string, StatementEntry[]>();

  private seq = 0;
  private readonly counters = { customer: 1000, contractedPlan: 5000, point: 0, statementEntry: 0 };

  nextSeq(): number {
    return ++this.seq;
  }

  /** A fresh numeric id that no seeded record already uses. */
  nextId(kind: keyof IspIntegratorData['counters'], taken?: (id: string) => boolean): string {
    let id: string;
    do id = String(++this.counters[kind]);
    while (taken?.(id));
    return id;
  }

  plan(id: string, field = 'planId'): Plan {
    const plan = this.plans.get(id);
    if (!plan) throw notFound(field, `plan "${id}" does not exist`);
    return plan;
  }

  package(id: string, field = 'packageId'): TvPackage {
    const pkg = this.packages.get(id);
    if (!pkg) throw notFound(field, `package "${id}" does not exist`);
    return pkg;
  }

  customer(id: string): CustomerRecord {
    const customer = this.customers.get(id);
    if (!customer) throw notFound('customerId', `customer "${id}" does not exist`);
    return customer;
  }

  /** The contracted plan, which must belong to the customer. */
  contractedPlan(customerId: string, contractedPlanId: string): ContractedPlanRecord {
    this.customer(customerId);
    const cp = this.contractedPlans.get(contractedPlanId);
    if (!cp || cp.customerId !== customerId) throw notFound('contractedPlanId', `customer "${customerId}" has no contracted plan "${contractedPlanId}"`);
    return cp;
  }

  setTopBox(casn: string): SetTopBox {
    const box = this.setTopBoxes.get(casn);
    if (!box) throw notFound('casn', `set-top box "${casn}" is not registered`);
    return box;
  }

  /** Call after any change to a contracted plan: stamps it and keeps the charged-extras index true. */
  touch(cp: ContractedPlanRecord, now = new Date().toISOString()): void {
    cp.updatedAt = now;
    const charged = cp.status === 'active' && cp.packages.some((p) => p.kind === 'extra' && p.status === 'active' && p.price > 0);
    if (charged) this.chargedExtras.add(cp.seq);
    else this.chargedExtras.remove(cp.seq);
  }

  contractedPlanView(cp: ContractedPlanRecord): ContractedPlan {
    return {
      id: cp.id,
      customerId: cp.customerId,
      planId: cp.planId,
      status: cp.status,
      ...(cp.radiusLogin !== undefined ? { radiusLogin: cp.radiusLogin } : {}),
      packages: cp.packages.map((p) => ({ ...p })),
      points: cp.points.map((p) => ({ ...p })),
      extraFields: { ...cp.extraFields },
      updatedAt: cp.updatedAt,
    };
  }

  customerView(customer: CustomerRecord): Customer {
    return {
      id: customer.id,
      name: customer.name,
      ...(customer.document !== undefined ? { document: customer.document } : {}),
      plans: customer.planIds.map((id) => this.contractedPlanView(this.contractedPlans.get(id)!)),
    };
  }

  snapshot() {
    return {
      plans: [...this.plans.values()],
      packages: [...this.packages.values()],
      pointLocations: [...this.pointLocations],
      setTopBoxes: [...this.setTopBoxes.values()].map((b) => ({ ...b })),
      customers: [...this.customers.values()].map((c) => this.customerView(c)),
      billingEvents: [...this.events.values()].map((e) => ({ ...e, items: e.items.map((i) => ({ ...i })) })),
      statements: Object.fromEntries([...this.statements].map(([customerId, entries]) => [customerId, entries.map((e) => ({ ...e }))])),
    };
  }
}
