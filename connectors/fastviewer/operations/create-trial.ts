import { z } from 'zod';
import type { MeetingLicense } from '../../meetings/port';
import { FastViewerClient, parseInput, withoutUndefined } from '../client';
import { licenseNumberSchema, licenseSchema } from '../schemas';
import { newLicenseSchema } from './create-license';

const inputSchema = z.object({ parentLicense: licenseNumberSchema, license: newLicenseSchema.extend({ trialDays: z.number().int().min(1).max(90) }) });

/** Creates a trial license ("Teststellung") that expires after `trialDays` unless it is converted. */
export async function createTrial(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<MeetingLicense> {
  const { parentLicense, license } = parseInput('license.createTrial', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method license.createTrial(parentLicense, license), see connectors/fastviewer/README.md.
  return client.call('asp', 'license.createTrial', [parentLicense, withoutUndefined(license)], licenseSchema);
}
