/**
 * ISP-Integrator's TV data as the simulator keeps it. Field names are English; the README maps
 * each one to the Portuguese label of the ISP-Integrator desk screen it comes from.
 * Money is always an integer number of centavos (R$ 34,90 = 3490).
 */
/** A TV platform's code as ISP-Integrator's plan screen names it (beenius, cdntv, ... or any other integration). */
export type TvPlatformName = string;

/** "Planos e Serviços", aba TV. */
export interface Plan {
  id: string;
  name: string;
  /** "Permite a criação de Planos de TV". */
  allowsTvPlans: boolean;
  /** "Pacote liberado no Plano": the default package every contract of this plan gets. */
  releasedPackageId: string | null;
  /** The TV platform that delivers this plan. */
  tvPlatform: TvPlatformName | null;
}

export interface Channel {
  /** "Nome Canal". */
  name: string;
  /** "N.Canal". */
  number: number;
  /** "Família". */
  family: string;
}

export interface TvPackage {
  id: string;
  name: string;
  /** "Pacote Extra". */
  extra: boolean;
  /** "Valor Pacote", centavos. */
  price: number;
  /** The package's code on the TV platform, filled by EliteSoft's synchronisation. */
  platformCode: string;
  channels: Channel[];
}

export type ContractedPlanStatus = 'active' | 'suspended' | 'cancelled';

export interface ContractedPackage {
  packageId: string;
  kind: 'default' | 'extra';
  /** Centavos; the default package is paid by the plan's own fee, so its price is 0. */
  price: number;
  status: 'active' | 'cancelled';
  addedAt: string;
  cancelledAt?: string;
}

/** "Ponto": a set-top box installed somewhere in the customer's home. */
export interface Point {
  id: string;
  /** "Local do Ponto", one of the registered point locations. */
  location: string;
  casn: string;
}

/** A plan in the customer's "Planos Ativos". */
export interface ContractedPlan {
  id: string;
  customerId: string;
  planId: string;
  status: ContractedPlanStatus;
  /** "Login de Radius"; TV changes are refused without it. */
  radiusLogin?: string;
  packages: ContractedPackage[];
  points: Point[];
  /** "Campo Extra", e.g. "ID Assinante Beenius". */
  extraFields: Record<string, string>;
  updatedAt: string;
}

export interface ContractedPlanRecord extends ContractedPlan {
  /** Creation order, the key of every paged listing. */
  seq: number;
}

export interface Customer {
  id: string;
  name: string;
  document?: string;
  plans: ContractedPlan[];
}

export interface CustomerRecord {
  seq: number;
  id: string;
  name: string;
  document?: string;
  planIds: string[];
}

export interface SetTopBox {
  casn: string;
  /** "Patrimônio". */
  assetNumber: string;
  model?: string;
  status: 'available' | 'in_use';
}

export interface BillingEventItem {
  packageId: string;
  name: string;
  price: number;
}

/** "Evento de Faturamento". */
export interface TvBillingEvent {
  id: string;
  customerId: string;
  contractedPlanId: string;
  /** "Vencimento", YYYY-MM-DD. */
  dueDate: string;
  items: BillingEventItem[];
  total: number;
  status: 'pending' | 'processed';
  idempotencyKey: string;
  createdAt: string;
  processedAt?: string;
}

/** A line of the customer's "Extrato Financeiro". */
export interface StatementEntry {
  id: string;
  date: string;
  description: string;
  amount: number;
  billingEventId?: string;
}

/** One contracted plan the "Faturamento TV" screen lists: active extra packages that cost money. */
export interface ChargedExtras {
  customerId: string;
  customerName: string;
  contractedPlanId: string;
  planId: string;
  tvPlatform: TvPlatformName | null;
  radiusLogin?: string;
  extras: BillingEventItem[];
  total: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
