import { z } from 'zod';
import { FastViewerClient } from '../client';

const answerSchema = z.object({ status: z.literal('ok') });

/** Succeeds when the ASP interface answers and accepts our credentials. */
export async function ping(client: FastViewerClient): Promise<void> {
  // No public API reference (FastViewer); modelled ASP method asp.ping(), see connectors/fastviewer/README.md.
  await client.call('asp', 'asp.ping', [], answerSchema);
}
