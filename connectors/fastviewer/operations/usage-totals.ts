import { z } from 'zod';
import type { LicenseUsageTotal, Page } from '../../meetings/port';
import { FastViewerClient, parseInput, withoutUndefined } from '../client';
import { isoSchema, licenseNumberSchema, usageTotalSchema } from '../schemas';

const inputSchema = z
  .object({ parentLicense: licenseNumberSchema, from: isoSchema, to: isoSchema, cursor: z.string().min(1).optional(), limit: z.number().int().min(1).max(5000).optional() })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'must be after from', path: ['to'] });
const answerSchema = z.object({ licenses: z.array(usageTotalSchema), nextCursor: z.string().optional() });

/** Per license under the parent: sessions and seconds inside [from, to), licenses without usage left out. */
export async function usageTotals(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<Page<LicenseUsageTotal>> {
  const query = parseInput('usage.totals', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method usage.totals(query), see connectors/fastviewer/README.md.
  const { licenses, nextCursor } = await client.call('asp', 'usage.totals', [withoutUndefined(query)], answerSchema);
  return nextCursor === undefined ? { items: licenses } : { items: licenses, nextCursor };
}
