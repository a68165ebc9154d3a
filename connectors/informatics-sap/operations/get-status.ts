import { z } from 'zod';
import type { InformaticsSapClient } from '../client';

export const statusSchema = z.object({ version: z.string(), messagesReceived: z.number().int() });

/** The receiver's version and how many messages it holds; the cheapest call that proves the credentials (health). */
export async function getStatus(client: InformaticsSapClient): Promise<z.output<typeof statusSchema>> {
  // The module's interface is not public (INFORMATICS_DOCS); assumed contract in license-notification.wsdl.
  return client.call('GetStatus', {}, statusSchema);
}
