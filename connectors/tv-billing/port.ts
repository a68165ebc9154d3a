import { Connector, definePort } from '../ports';

/**
 * What a billing system may offer for TV beyond the billing port: a monthly TV invoicing (seed
 * 002's "Faturamento TV": a Pending billing event per customer plan with charged extra packages,
 * later turned Processed by billing's own run) and a set-top box import ("Importar STB"). A
 * connector that offers them lists these ports in its definition's `alsoImplements`; the generic
 * invoicing activities and the operator API find them by port, never by connector. Amounts are
 * in the currency's minor unit (centavos).
 */

/** An extra package billed on a customer plan. */
export interface BilledPackage {
  packageId: string;
  name: string;
  price: number;
}

/** One row of the invoicing listing: a customer plan with the extra packages it is charged for. */
export interface ChargedPlan {
  customerId: string;
  customerName: string;
  contractedPlanId: string;
  extras: BilledPackage[];
  total: number;
}

/** A billing event of one customer plan for one due date, pending until billing's own run processes it. */
export interface TvBillingEvent {
  id: string;
  customerId: string;
  contractedPlanId: string;
  dueDate: string;
  total: number;
  status: 'pending' | 'processed';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TvInvoicingBilling extends Connector {
  /** The plans with charged extras, in pages of `limit`, from `cursor` (absent: the start). */
  listChargedExtras(input: { cursor?: string; limit?: number }): Promise<Page<ChargedPlan>>;
  /** Billing events, filtered by due date and customer. */
  listTvBillingEvents(input: { dueDate?: string; customerId?: string; cursor?: string; limit?: number }): Promise<Page<TvBillingEvent>>;
  /** Creates the plan's event for the due date once: the same idempotency key returns the first one (`created: false`). */
  createTvBillingEvent(input: {
    customerId: string;
    contractedPlanId: string;
    dueDate: string;
    items: { packageId: string; name?: string; price: number }[];
    idempotencyKey: string;
  }): Promise<{ event: TvBillingEvent; created: boolean }>;
}

/** What an import of a set-top box file did: rows registered, rows already there, rows refused with their line. */
export interface SetTopBoxImportResult {
  imported: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

export interface SetTopBoxImporter extends Connector {
  /**
   * Registers the set-top boxes of a CSV file, idempotently (a box already there is unchanged).
   * A file that cannot be read as a whole is a PermanentError of operation `importSetTopBoxes`.
   */
  importSetTopBoxes(csv: string): Promise<SetTopBoxImportResult>;
}

export const tvInvoicingPort = definePort<TvInvoicingBilling>('tv-invoicing', 'billing system with TV invoicing');
export const setTopBoxImportPort = definePort<SetTopBoxImporter>('set-top-box-import', 'billing system that imports set-top boxes');
