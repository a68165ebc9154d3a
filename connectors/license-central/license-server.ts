import { z } from 'zod';
import { PermanentError } from '../errors';
import { PartialOrderError } from '../licensing/errors';
import type { ChangeFeed, ChangePage, LicenseChange, LicenseServer, OrderInput, OrderLine, Ticket, TicketRef } from '../licensing/port';
import type { Logger } from '../../domain/logger';
import type { LicenseCentralClient } from './client';
import type { LicenseCentralConfig } from './config';
import { CmLcRefusal } from './errors';
import { activationChange, licenseChange, orderChange, toTicket } from './mapping';
import type { ChangeAnswer } from './operations/change-query';
import { disableTicket } from './operations/disable-ticket';
import { enableTicket } from './operations/enable-ticket';
import { getActivationChanges } from './operations/get-activation-changes';
import { getLicenseChanges } from './operations/get-license-changes';
import { getOrderChanges } from './operations/get-order-changes';
import { getServerInfo } from './operations/get-server-info';
import { getTicket } from './operations/get-ticket';
import { placeOrder } from './operations/place-order';
import { withdrawLicenses } from './operations/withdraw-licenses';
import { validateInput } from './schemas';

const orderInputSchema = z
  .object({
    orderNumber: z.string().min(1),
    lines: z
      .array(
        z
          .object({
            firmCode: z.number().int().positive(),
            productCode: z.number().int().nonnegative(),
            quantity: z.number().int().positive(),
            lineId: z.string().min(1).optional(),
          })
          .strict(),
      )
      .min(1),
    customer: z.object({ number: z.string().min(1), name: z.string().optional(), email: z.string().optional() }).strict().optional(),
  })
  .strict();

const cursorSchema = z.string().regex(/^\d+$/, 'a License Central cursor is the sequence number of the last change processed');

/** The default line id: one line per item, so the same order number and item again is one set of licenses. */
export const lineIdOf = (line: Pick<OrderLine, 'firmCode' | 'productCode' | 'lineId'>) => line.lineId ?? `${line.firmCode}-${line.productCode}`;

/** CodeMeter License Central as subsync's license server. */
export class LicenseCentralServer implements LicenseServer {
  readonly kind = 'license-central';

  constructor(
    readonly name: string,
    readonly client: LicenseCentralClient,
    private readonly config: Pick<LicenseCentralConfig, 'pageSize'>,
    private readonly logger: Logger,
  ) {}

  async order(input: OrderInput): Promise<Ticket> {
    const order = validateInput(this.name, 'order', orderInputSchema, input);
    const lines = order.lines.map((l) => ({ ...l, lineId: lineIdOf(l) }));
    const answer = await placeOrder(this.client, {
      orderNumber: order.orderNumber,
      ...(order.customer ? { customer: { customerNumber: order.customer.number, name: order.customer.name, email: order.customer.email } } : {}),
      lines: lines.map((l) => ({ position: l.lineId, firmCode: l.firmCode, productCode: l.productCode, quantity: l.quantity })),
    });
    const ticket = toTicket(answer.ticket);
    const failed = answer.lineResult
      .filter((r) => r.result === 'Failed')
      .map((r) => ({ line: lines.find((l) => l.lineId === r.position)!, code: r.errorCode ?? 'Failed', message: r.errorMessage ?? 'not confirmed' }));
    if (failed.length > 0) {
      this.logger.warn({ system: this.name, orderNumber: order.orderNumber, ticket: ticket.ticket, failed: failed.map((f) => f.line.lineId) }, 'License Central confirmed only part of an order');
      throw new PartialOrderError(this.name, 'PlaceOrder', ticket, failed);
    }
    return ticket;
  }

  async readTicket(ref: TicketRef): Promise<Ticket | null> {
    try {
      return toTicket(await getTicket(this.client, ref));
    } catch (err) {
      if (err instanceof CmLcRefusal && err.code === 'UnknownTicket') return null;
      throw err;
    }
  }

  async suspend(ref: TicketRef): Promise<Ticket> {
    return toTicket(await disableTicket(this.client, await this.ticketNumber(ref, 'DisableTicket')));
  }

  async resume(ref: TicketRef): Promise<Ticket> {
    return toTicket(await enableTicket(this.client, await this.ticketNumber(ref, 'EnableTicket')));
  }

  async withdraw(ref: TicketRef, licenseNumbers: string[] = []): Promise<Ticket> {
    return toTicket(await withdrawLicenses(this.client, await this.ticketNumber(ref, 'WithdrawLicenses'), licenseNumbers));
  }

  async changes(feed: ChangeFeed, options: { cursor?: string; limit?: number } = {}): Promise<ChangePage> {
    const cursor = validateInput(this.name, 'changes', cursorSchema, options.cursor ?? '0');
    const query = { afterSequence: Number(cursor), maxCount: options.limit ?? this.config.pageSize };
    const page = await this.feedPage(feed, query);
    return { changes: page.changes, nextCursor: String(page.nextSequence), hasMore: page.hasMore };
  }

  async health(): Promise<void> {
    await getServerInfo(this.client);
  }

  private async feedPage(feed: ChangeFeed, query: { afterSequence: number; maxCount: number }): Promise<ChangeAnswer<LicenseChange>> {
    if (feed === 'orders') {
      const page = await getOrderChanges(this.client, query);
      return { ...page, changes: page.changes.map(orderChange) };
    }
    if (feed === 'licenses') {
      const page = await getLicenseChanges(this.client, query);
      return { ...page, changes: page.changes.map(licenseChange) };
    }
    const page = await getActivationChanges(this.client, query);
    return { ...page, changes: page.changes.map(activationChange) };
  }

  private async ticketNumber(ref: TicketRef, operation: string): Promise<string> {
    if ('ticket' in ref) return ref.ticket;
    const ticket = await this.readTicket(ref);
    if (!ticket) throw new PermanentError(this.name, operation, 'not_found', `License Central has no ticket for order ${ref.orderNumber}`);
    return ticket.ticket;
  }
}
