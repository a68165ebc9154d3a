import { z } from 'zod';
import type { MeetingLicense } from '../../meetings/port';
import { FastViewerClient, parseInput, withoutUndefined } from '../client';
import { licenseNumberSchema, licenseSchema } from '../schemas';

export const newLicenseSchema = z.object({
  externalReference: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  profileId: z.string().min(1).optional(),
  lines: z.number().int().min(1).max(1000),
});

const inputSchema = z.object({ parentLicense: licenseNumberSchema, license: newLicenseSchema });

/**
 * Creates a license under the parent (mandatory: FastViewer bills it to the parent's holder).
 * An external reference the parent already has answers fault 14 LICENSE_EXISTS (PermanentError 'conflict').
 */
export async function createLicense(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<MeetingLicense> {
  const { parentLicense, license } = parseInput('license.create', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method license.create(parentLicense, license), see connectors/fastviewer/README.md.
  return client.call('asp', 'license.create', [parentLicense, withoutUndefined(license)], licenseSchema);
}
