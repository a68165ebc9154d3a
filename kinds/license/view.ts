import type { License, Ticket } from '../../connectors/licensing/port';
import { itemKey } from './plan';

/** A license that still counts: not withdrawn and not on its way out. */
export const isLive = (license: Pick<License, 'status'>) => license.status !== 'withdrawn' && license.status !== 'withdrawal_pending';

/** What operators see of a license slot (SlotState.detail): the ticket and every license on it. */
export interface LicenseDetail {
  ticket: string;
  orderNumber: string;
  status: Ticket['status'];
  licenses: {
    licenseNumber: string;
    /** `<firmCode>/<productCode>`. */
    item: string;
    itemName?: string;
    status: License['status'];
    containerSerial?: string;
    expiresAt?: string;
  }[];
}

export function licenseDetail(ticket: Ticket): LicenseDetail {
  return {
    ticket: ticket.ticket,
    orderNumber: ticket.orderNumber,
    status: ticket.status,
    licenses: ticket.licenses.map((l) => ({
      licenseNumber: l.licenseNumber,
      item: itemKey(l.item),
      ...(l.itemName === undefined ? {} : { itemName: l.itemName }),
      status: l.status,
      ...(l.containerSerial === undefined ? {} : { containerSerial: l.containerSerial }),
      ...(l.expiresAt === undefined ? {} : { expiresAt: l.expiresAt }),
    })),
  };
}

/** One line: "active, ticket ABCDE-…: Office ×2 (1 activated), Antivirus ×1; 1 withdrawn". */
export function licenseSummary(ticket: Ticket): string {
  const live = ticket.licenses.filter(isLive);
  const byItem = new Map<string, License[]>();
  for (const l of live) {
    const name = l.itemName ?? itemKey(l.item);
    byItem.set(name, [...(byItem.get(name) ?? []), l]);
  }
  const items = [...byItem].map(([name, ls]) => {
    const activated = ls.filter((l) => l.status === 'activated' || l.status === 'activation_pending').length;
    return `${name} ×${ls.length}${activated ? ` (${activated} activated)` : ''}`;
  });
  const gone = ticket.licenses.length - live.length;
  return `${ticket.status}, ticket ${ticket.ticket}: ${items.join(', ') || 'no licenses'}${gone ? `; ${gone} withdrawn` : ''}`;
}
