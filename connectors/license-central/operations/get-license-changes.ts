import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { dateTime, licenseSchema } from '../schemas';
import { ChangeAnswer, ChangeQuery, queryChanges } from './change-query';

export const licenseChangeSchema = z.object({
  changeId: z.string(),
  sequence: z.number().int(),
  time: dateTime,
  type: z.enum(['LicenseCreated', 'LicenseUpdated']),
  license: licenseSchema,
});
export type LicenseChangeRecord = z.output<typeof licenseChangeSchema>;

/** Admin: licenses created, or whose properties (expiry, disabled, withdrawn) changed, after a sequence number. */
export async function getLicenseChanges(client: LicenseCentralClient, query: ChangeQuery): Promise<ChangeAnswer<LicenseChangeRecord>> {
  // No public CmLC-API reference; the feed follows KEYnote 42 (CMLC_DOCS.notificationDispatcher), contract in cmlc-api.wsdl.
  return queryChanges(client, 'GetLicenseChanges', query, licenseChangeSchema);
}
