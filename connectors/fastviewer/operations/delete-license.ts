import { z } from 'zod';
import { FastViewerClient, parseInput } from '../client';
import { licenseNumberSchema } from '../schemas';

const inputSchema = z.object({ licenseNumber: licenseNumberSchema });

/** Deletes the license; its running sessions end and its usage stays billable. Unknown answers fault 12. */
export async function deleteLicense(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<void> {
  const { licenseNumber } = parseInput('license.delete', inputSchema, input);
  // No public API reference (FastViewer); modelled ASP method license.delete(licenseNumber), see connectors/fastviewer/README.md.
  await client.call('asp', 'license.delete', [licenseNumber], z.literal(true));
}
