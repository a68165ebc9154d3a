import { EntitySchema } from '@mikro-orm/core';

/**
 * What month-end usage billing charged one parent's holder for one month (the last run's
 * summary): items are the parent's children (child licenses), amounts are decimal strings in
 * billing's currency. One row per month, service and parent; a re-run replaces it.
 */
/** Whose month a usage bill sums up: one parent of a service, and the billing account and contract charged for it. */
export interface UsageBillSubject {
  month: string;
  service: string;
  parent: string;
  billing: string;
  account: string;
  agreement: string;
}

export interface UsageSummaryRow extends UsageBillSubject {
  /** `<month>:<service>:<parent>`. */
  id: string;
  items: number;
  sessions: number;
  seconds: number;
  amount: string;
  /** Charged by the run that wrote the row. */
  charged: number;
  chargedAmount: string;
  /** Charged by an earlier run of the same month (idempotency keys found). */
  existing: number;
  existingAmount: string;
  /** Refused by billing for insufficient funds; a re-run charges them again. */
  unpaid: number;
  unpaidAmount: string;
  /** Too little use to charge (rounds to 0.00). */
  zero: number;
  /** Refused by billing for another reason. */
  failed: number;
  /** Why the parent could not be billed (further): the run went on with the other parents. */
  error: string | null;
  workflowId: string;
  finishedAt: Date;
}

export const UsageSummarySchema = new EntitySchema<UsageSummaryRow>({
  name: 'UsageSummary',
  tableName: 'usage_summaries',
  properties: {
    id: { type: 'string', primary: true, length: 300 },
    month: { type: 'string', length: 7, index: true },
    service: { type: 'string', length: 100 },
    parent: { type: 'string', length: 100 },
    billing: { type: 'string', length: 100 },
    account: { type: 'string', length: 100 },
    agreement: { type: 'string', length: 100 },
    items: { type: 'integer' },
    sessions: { type: 'double' },
    seconds: { type: 'double' },
    amount: { type: 'decimal', precision: 16, scale: 2 },
    charged: { type: 'integer' },
    chargedAmount: { type: 'decimal', precision: 16, scale: 2 },
    existing: { type: 'integer' },
    existingAmount: { type: 'decimal', precision: 16, scale: 2 },
    unpaid: { type: 'integer' },
    unpaidAmount: { type: 'decimal', precision: 16, scale: 2 },
    zero: { type: 'integer' },
    failed: { type: 'integer' },
    error: { type: 'text', nullable: true },
    workflowId: { type: 'string', length: 300 },
    finishedAt: { type: 'datetime' },
  },
});
