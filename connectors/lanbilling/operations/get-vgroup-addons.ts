import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { id, listResponse, validateInput } from '../schemas';

export const vgroupAddonSchema = z.object({
  vgid: z.number().int(),
  type: z.number().int().default(0),
  agentid: z.number().int().default(0),
  idx: z.number().int().default(0),
  name: z.string(),
  descr: z.string().default(''),
  strvalue: z.string().default(''),
});
export type VgroupAddon = z.output<typeof vgroupAddonSchema>;

/** The addon field values of a vgroup (isvyaz_login, address, ...). */
export async function getVgroupAddons(client: LanbillingClient, vgid: number): Promise<VgroupAddon[]> {
  const valid = validateInput(client.system, 'getVgroupAddons', id, vgid);
  // No public api3 reference; modelled on lbapi__getVgroupAddons in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getVgroupAddons', { id: valid }, listResponse(vgroupAddonSchema));
  return answer.ret;
}
