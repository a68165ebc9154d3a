import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { ticketAnswer, ticketNumber, validateInput, WireTicket } from '../schemas';

const input = z.object({ ticket: ticketNumber }).strict();

/** Sales: lifts DisableTicket (subscriber unblocked). Repeating it changes nothing. Assumed operation, like DisableTicket. */
export async function enableTicket(client: LicenseCentralClient, ticket: string): Promise<WireTicket> {
  const request = validateInput(client.system, 'EnableTicket', input, { ticket });
  // No public CmLC-API reference; assumed operation (README.md, "Suspending"), contract in cmlc-api.wsdl.
  return (await client.call('EnableTicket', request, ticketAnswer)).ticket;
}
