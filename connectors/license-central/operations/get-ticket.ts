import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { ticketAnswer, ticketNumber, validateInput, WireTicket } from '../schemas';

export const ticketRefSchema = z.union([z.object({ ticket: ticketNumber }).strict(), z.object({ orderNumber: z.string().min(1) }).strict()]);
export type TicketRefInput = z.input<typeof ticketRefSchema>;

/** Sales: a ticket with its licenses, by ticket number or by the order number it was made for. UnknownTicket when there is none. */
export async function getTicket(client: LicenseCentralClient, ref: TicketRefInput): Promise<WireTicket> {
  const input = validateInput(client.system, 'GetTicket', ticketRefSchema, ref);
  // No public CmLC-API reference; tickets and order numbers per the white paper (CMLC_DOCS.whitePaper), contract in cmlc-api.wsdl.
  return (await client.call('GetTicket', input, ticketAnswer)).ticket;
}
