import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { ticketAnswer, ticketNumber, validateInput, WireTicket } from '../schemas';

const input = z.object({ ticket: ticketNumber }).strict();

/**
 * Sales: disables a ticket, so its licenses cannot be collected (a blocked subscriber). Repeating
 * it changes nothing. Assumed operation: License Central's documents name the need ("customer
 * doesn't pay on time") but no ticket-disabling call; see README.md.
 */
export async function disableTicket(client: LicenseCentralClient, ticket: string): Promise<WireTicket> {
  const request = validateInput(client.system, 'DisableTicket', input, { ticket });
  // No public CmLC-API reference; assumed operation (README.md, "Suspending"), contract in cmlc-api.wsdl.
  return (await client.call('DisableTicket', request, ticketAnswer)).ticket;
}
