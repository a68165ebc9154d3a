import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { dateTime, licenseState } from '../schemas';
import { ChangeAnswer, ChangeQuery, queryChanges } from './change-query';

export const activationChangeSchema = z.object({
  changeId: z.string(),
  sequence: z.number().int(),
  time: dateTime,
  type: z.enum(['Activated', 'Returned', 'Withdrawn']),
  ticket: z.string(),
  orderNumber: z.string(),
  licenseNumber: z.string(),
  firmCode: z.number().int(),
  productCode: z.number().int(),
  containerSerial: z.string(),
  state: licenseState,
  expiration: dateTime.optional(),
});
export type ActivationChange = z.output<typeof activationChangeSchema>;

/** Admin: completed activation transactions (receipt confirmed) after a sequence number, one per license. */
export async function getActivationChanges(client: LicenseCentralClient, query: ChangeQuery): Promise<ChangeAnswer<ActivationChange>> {
  // No public CmLC-API reference; "all completed activations" mode of KEYnote 42 (CMLC_DOCS.notificationDispatcher), contract in cmlc-api.wsdl.
  return queryChanges(client, 'GetActivationChanges', query, activationChangeSchema);
}
