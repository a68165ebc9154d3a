import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { dateTime } from '../schemas';

export const serverInfoSchema = z.object({ version: z.string(), serverTime: dateTime });
export type ServerInfo = z.output<typeof serverInfoSchema>;

/** Admin: who answers and its clock; the cheapest call that proves the credentials (health). */
export async function getServerInfo(client: LicenseCentralClient): Promise<ServerInfo> {
  // No public CmLC-API reference; Admin interface per the white paper (CMLC_DOCS.whitePaper), contract in cmlc-api.wsdl.
  return client.call('GetServerInfo', {}, serverInfoSchema);
}
