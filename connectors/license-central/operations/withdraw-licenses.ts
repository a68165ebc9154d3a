import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { ticketAnswer, ticketNumber, validateInput, WireTicket } from '../schemas';

const input = z.object({ ticket: ticketNumber, licenseNumbers: z.array(z.string().min(1)).default([]) }).strict();

/**
 * Sales: Withdraw (License Central 3.20). Licenses not yet collected are withdrawn at once; the
 * ones in a container at the container's next update. No license numbers: all of the ticket's.
 * Repeating it changes nothing.
 */
export async function withdrawLicenses(client: LicenseCentralClient, ticket: string, licenseNumbers: string[] = []): Promise<WireTicket> {
  const request = validateInput(client.system, 'WithdrawLicenses', input, { ticket, licenseNumbers });
  // Withdraw is documented in KEYnote 35 (CMLC_DOCS.withdraw); the call itself is ours, contract in cmlc-api.wsdl.
  return (await client.call('WithdrawLicenses', { ticket: request.ticket, licenseNumber: request.licenseNumbers }, ticketAnswer)).ticket;
}
