import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { id, lbDate, longResponse, validateInput } from '../schemas';

export const stopUsboxServiceInputSchema = z.object({ servid: id, timeto: lbDate }).strict();
export type StopUsboxServiceInput = z.input<typeof stopUsboxServiceInputSchema>;

/** Ends a periodic service at `timeto`, as a manager stops it. */
export async function stopUsboxService(client: LanbillingClient, input: StopUsboxServiceInput): Promise<void> {
  const { servid, timeto } = validateInput(client.system, 'stopUsboxService', stopUsboxServiceInputSchema, input);
  // No public api3 reference; lbapi:stopUsboxService(id, timeto) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  await client.call('stopUsboxService', { id: servid, timeto }, longResponse);
}
