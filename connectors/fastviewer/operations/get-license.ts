import { z } from 'zod';
import type { MeetingLicense } from '../../meetings/port';
import { FastViewerClient, parseInput } from '../client';
import { licenseNumberSchema, licenseSchema } from '../schemas';

const inputSchema = z.object({ licenseNumber: licenseNumberSchema });

/** One license with the settings in force; unknown answers fault 12 (PermanentError 'not_found'). */
export async function getLicense(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<MeetingLicense> {
  const { licenseNumber } = parseInput('license.get', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method license.get(licenseNumber), see connectors/fastviewer/README.md.
  return client.call('asp', 'license.get', [licenseNumber], licenseSchema);
}
