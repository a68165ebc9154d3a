import { definePort } from '../ports';
/**
 * The port a software license server implements (CodeMeter License Central is the first), and
 * the port a target of license notifications implements (the INFORMATICS SAP module, webhooks).
 *
 * The words are the license server's own: an order (order number, items) is answered with a
 * ticket, the user's key to collect its licenses; a license is activated into a container and
 * can be returned; the vendor can withdraw it. Every write is idempotent: an order line sent
 * twice (same order number, same line) yields one set of licenses, never two.
 */

/** What is sold: a product of a vendor, e.g. CodeMeter firm code 6000010, product code 201. */
export interface LicenseItem {
  firmCode: number;
  productCode: number;
}

/** One line of an order in the lead system (ERP, billing). */
export interface OrderLine extends LicenseItem {
  /** How many licenses of the item this line holds. */
  quantity: number;
  /**
   * The line's id in the lead system. Sending the same order number and line again returns the
   * licenses made for it the first time. Default: `<firmCode>-<productCode>`, so one line per item.
   */
  lineId?: string;
}

export interface Customer {
  /** The lead system's customer number (e.g. the billing account). */
  number: string;
  name?: string;
  email?: string;
}

export interface OrderInput {
  /** The lead system's order number. The same number again adds to the ticket it already has. */
  orderNumber: string;
  lines: OrderLine[];
  customer?: Customer;
}

/**
 * Where a license is in its life on the license server:
 * `available` not collected yet (or returned and confirmed: free to collect again),
 * `activation_pending` collected into a container, receipt not yet confirmed,
 * `activated` in a container, receipt confirmed,
 * `return_pending` being returned, receipt not yet confirmed,
 * `withdrawal_pending` withdrawn by the vendor while in a container: leaves it at the container's next update,
 * `withdrawn` gone for good.
 */
export type LicenseStatus = 'available' | 'activation_pending' | 'activated' | 'return_pending' | 'withdrawal_pending' | 'withdrawn';

export interface License {
  licenseNumber: string;
  ticket: string;
  orderNumber: string;
  lineId: string;
  item: LicenseItem;
  itemName?: string;
  status: LicenseStatus;
  /** Suspended licenses cannot be collected (the subscriber is blocked). */
  suspended: boolean;
  /** Serial of the container holding it, e.g. "130-1234567" (CmActLicense). */
  containerSerial?: string;
  /** When it was first activated (ISO 8601). */
  firstActivatedAt?: string;
  /** Its expiry (ISO 8601); for some items computed from the first activation, so absent before it. */
  expiresAt?: string;
}

export type TicketStatus = 'active' | 'suspended';

export interface Ticket {
  /** The ticket number the user enters to collect the licenses. */
  ticket: string;
  orderNumber: string;
  customer?: Customer;
  status: TicketStatus;
  createdAt: string;
  licenses: License[];
}

export type TicketRef = { ticket: string } | { orderNumber: string };

/** The three things a lead system wants to hear about: new orders, new licenses, activation transactions. */
export type ChangeFeed = 'orders' | 'licenses' | 'activations';

/**
 * One change on the license server. `changeId` is stable: a change reported twice (by two polls)
 * carries the same id, so a consumer dedupes by it.
 */
export interface LicenseChange {
  changeId: string;
  feed: ChangeFeed;
  /**
   * orders: `order.created`, `order.extended`; licenses: `license.created`, `license.updated`;
   * activations: `activation.activated`, `activation.returned`, `activation.withdrawn`.
   */
  type: string;
  /** When it happened on the license server (ISO 8601). */
  at: string;
  ticket: string;
  orderNumber: string;
  customer?: Customer;
  licenseNumber?: string;
  item?: LicenseItem;
  /** The order lines a change to `orders` added. */
  lines?: OrderLine[];
  status?: LicenseStatus;
  suspended?: boolean;
  containerSerial?: string;
  /** licenses: when the license was first activated, the date an expiry may be computed from (ISO 8601). */
  firstActivatedAt?: string;
  expiresAt?: string;
}

export interface ChangePage {
  changes: LicenseChange[];
  /**
   * Where the next poll starts. Store it only once every change of this page is processed: a poll
   * repeated from the old cursor returns the same changes again, and nothing is skipped.
   */
  nextCursor: string;
  /** More changes are waiting beyond this page. */
  hasMore: boolean;
}

export interface LicenseServer {
  readonly name: string;
  readonly kind: string;
  /**
   * Orders licenses: answers the order's ticket with all its licenses. Lines already ordered under
   * this order number are not ordered again. When some lines fail, throws a PartialOrderError that
   * names what was confirmed and what was not; the same call again completes it.
   */
  order(input: OrderInput): Promise<Ticket>;
  /** The ticket with its licenses, or null when the license server has no such ticket or order. */
  readTicket(ref: TicketRef): Promise<Ticket | null>;
  /** Stops the ticket's licenses from being collected (subscriber blocked). Repeating it changes nothing. */
  suspend(ref: TicketRef): Promise<Ticket>;
  /** Lifts a suspension. Repeating it changes nothing. */
  resume(ref: TicketRef): Promise<Ticket>;
  /**
   * Takes the ticket's licenses (or the named ones) back for good (subscriber disabled): licenses
   * not in a container are withdrawn at once, the others at their container's next update.
   */
  withdraw(ref: TicketRef, licenseNumbers?: string[]): Promise<Ticket>;
  /** Changes of one feed after `cursor` (from the beginning when absent), oldest first, at most `limit`. */
  changes(feed: ChangeFeed, options?: { cursor?: string; limit?: number }): Promise<ChangePage>;
  health(): Promise<void>;
}

/** A change as delivered to a target; `messageId` makes the delivery idempotent. */
export interface LicenseNotification extends LicenseChange {
  messageId: string;
}

/** The target's confirmation that it took a notification (again, for a repeated message id). */
export interface DeliveryReceipt {
  messageId: string;
  receiptId: string;
  receivedAt: string;
  /** The target already had this message. */
  duplicate: boolean;
}

/** Where license notifications go (the INFORMATICS SAP module, a webhook, a custom service). */
export interface NotificationTarget {
  readonly name: string;
  readonly kind: string;
  send(notification: LicenseNotification): Promise<DeliveryReceipt>;
  health(): Promise<void>;
}

export const licenseServerPort = definePort<LicenseServer>('license-server', 'license server');

export const notificationTargetPort = definePort<NotificationTarget>('notification-target', 'notification target');
