import { z } from 'zod';
import type { MeetingLicense, Page } from '../../meetings/port';
import { FastViewerClient, parseInput, withoutUndefined } from '../client';
import { licenseNumberSchema, licenseSchema } from '../schemas';

const inputSchema = z.object({
  parentLicense: licenseNumberSchema,
  externalReference: z.string().min(1).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
});
const answerSchema = z.object({ licenses: z.array(licenseSchema), nextCursor: z.string().optional() });

/** The parent's licenses in license-number order, one page at a time; `externalReference` narrows it to that license. */
export async function listLicenses(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<Page<MeetingLicense>> {
  const { parentLicense, ...query } = parseInput('license.list', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method license.list(parentLicense, query), see connectors/fastviewer/README.md.
  const { licenses, nextCursor } = await client.call('asp', 'license.list', [parentLicense, withoutUndefined(query)], answerSchema);
  return nextCursor === undefined ? { items: licenses } : { items: licenses, nextCursor };
}
