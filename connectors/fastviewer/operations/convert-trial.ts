import { z } from 'zod';
import type { MeetingLicense } from '../../meetings/port';
import { FastViewerClient, parseInput } from '../client';
import { licenseNumberSchema, licenseSchema } from '../schemas';

const inputSchema = z.object({ licenseNumber: licenseNumberSchema });

/** Turns a trial (expired or not) into a full license; a license that is no trial answers fault 17 NOT_A_TRIAL. */
export async function convertTrial(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<MeetingLicense> {
  const { licenseNumber } = parseInput('license.convertTrial', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method license.convertTrial(licenseNumber), see connectors/fastviewer/README.md.
  return client.call('asp', 'license.convertTrial', [licenseNumber], licenseSchema);
}
