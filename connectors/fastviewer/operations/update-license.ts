import { z } from 'zod';
import type { MeetingLicense } from '../../meetings/port';
import { FastViewerClient, parseInput, withoutUndefined } from '../client';
import { licenseNumberSchema, licenseSchema } from '../schemas';

const inputSchema = z.object({
  licenseNumber: licenseNumberSchema,
  changes: z
    .object({
      name: z.string().min(1).max(200).optional(),
      email: z.union([z.email(), z.literal('')]).optional(),
      /** '' removes the profile. */
      profileId: z.string().optional(),
      lines: z.number().int().min(1).max(1000).optional(),
      blocked: z.boolean().optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'at least one change is needed' }),
});

/** Changes what is given and nothing else; setting a value it already has is a harmless repeat. */
export async function updateLicense(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<MeetingLicense> {
  const { licenseNumber, changes } = parseInput('license.update', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method license.update(licenseNumber, changes), see connectors/fastviewer/README.md.
  return client.call('asp', 'license.update', [licenseNumber, withoutUndefined(changes)], licenseSchema);
}
