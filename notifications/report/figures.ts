import type { FeedChange } from '../../domain/outbox';
import type { LicenseChange } from '../../connectors/licensing/port';

/** What the report counts in a period, from the changes the license server reported. */
export interface ReportFigures {
  newOrders: number;
  newLicenses: number;
  /** Activation transactions: one receipt moving licenses of a ticket into or out of a container. */
  licenseTransactions: number;
  activations: number;
  returns: number;
  withdrawals: number;
}

export const FIGURE_LABELS: Record<keyof ReportFigures, string> = {
  newOrders: 'New orders',
  newLicenses: 'New licenses',
  licenseTransactions: 'License transactions',
  activations: 'Activations',
  returns: 'Returns',
  withdrawals: 'Withdrawals',
};

export function figuresOf(changes: { orders: FeedChange[]; licenses: FeedChange[]; activations: FeedChange[] }): ReportFigures {
  const activations = changes.activations.map((c) => c.data as unknown as LicenseChange);
  const transactions = new Set(activations.map((a) => [a.ticket, a.containerSerial ?? '', a.type, a.at].join('|')));
  return {
    newOrders: changes.orders.filter((c) => c.type === 'order.created').length,
    newLicenses: changes.licenses.filter((c) => c.type === 'license.created').length,
    licenseTransactions: transactions.size,
    activations: activations.filter((a) => a.type === 'activation.activated').length,
    returns: activations.filter((a) => a.type === 'activation.returned').length,
    withdrawals: activations.filter((a) => a.type === 'activation.withdrawn').length,
  };
}
