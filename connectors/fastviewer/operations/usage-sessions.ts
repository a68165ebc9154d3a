import { z } from 'zod';
import type { Page, UsageSession } from '../../meetings/port';
import { FastViewerClient, parseInput, withoutUndefined } from '../client';
import { isoSchema, licenseNumberSchema, usageSessionSchema } from '../schemas';

const inputSchema = z
  .object({
    licenseNumber: licenseNumberSchema.optional(),
    parentLicense: licenseNumberSchema.optional(),
    from: isoSchema,
    to: isoSchema,
    cursor: z.string().min(1).optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .refine((q) => (q.licenseNumber === undefined) !== (q.parentLicense === undefined), { message: 'give exactly one of licenseNumber and parentLicense', path: ['licenseNumber'] })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'must be after from', path: ['to'] });
const answerSchema = z.object({ sessions: z.array(usageSessionSchema), nextCursor: z.string().optional() });

/** Finished sessions overlapping [from, to), each with its seconds inside the period, one page at a time. */
export async function usageSessions(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<Page<UsageSession>> {
  const query = parseInput('usage.sessions', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method usage.sessions(query), see connectors/fastviewer/README.md.
  const { sessions, nextCursor } = await client.call('asp', 'usage.sessions', [withoutUndefined(query)], answerSchema);
  return nextCursor === undefined ? { items: sessions } : { items: sessions, nextCursor };
}
