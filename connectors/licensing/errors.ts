import { TransientError } from '../errors';
import type { OrderLine, Ticket } from './port';

/** An order line the license server did not confirm, and why. */
export interface FailedOrderLine {
  line: OrderLine;
  code: string;
  message: string;
}

/**
 * Some lines of an order went through and some did not. The ticket (with the licenses that were
 * made) is confirmed; the failed lines are not. Sending the same order again completes it
 * without duplicating what is confirmed, so this is transient: retrying is the fix.
 */
export class PartialOrderError extends TransientError {
  constructor(
    system: string,
    operation: string,
    readonly ticket: Ticket,
    readonly failed: FailedOrderLine[],
  ) {
    super(system, operation, `order ${ticket.orderNumber} is incomplete on ticket ${ticket.ticket}: ${failed.map((f) => `line ${f.line.lineId} ${f.code} (${f.message})`).join('; ')}`);
  }
}
