import { z } from 'zod';
import type { LicenseProfile } from '../../meetings/port';
import { FastViewerClient, parseInput } from '../client';
import { licenseNumberSchema, profileSchema } from '../schemas';

const inputSchema = z.object({ parentLicense: licenseNumberSchema });

/** The profiles the parent license defines (display options, functions, branding) that its children may use. */
export async function listProfiles(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<LicenseProfile[]> {
  const { parentLicense } = parseInput('profile.list', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method profile.list(parentLicense), see connectors/fastviewer/README.md.
  return client.call('asp', 'profile.list', [parentLicense], z.array(profileSchema));
}
