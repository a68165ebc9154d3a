import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { id, listResponse, long, text, validateInput } from '../schemas';

/** soapVgroupAddon: one addon field value of a vgroup. */
export const vgroupAddonSchema = z.object({
  vgid: long(),
  type: long(),
  agentid: long(),
  idx: long(),
  name: z.string(),
  descr: text(),
  strvalue: text(),
});
export type VgroupAddon = z.output<typeof vgroupAddonSchema>;

/** Built once: a zod schema compiles itself on its first use. */
const vgroupAddonAnswer = listResponse(vgroupAddonSchema);

/** The addon field values of a vgroup (isvyaz_login, ...). getVgroup reads them with the vgroup. */
export async function getVgroupAddons(client: LanbillingClient, vgid: number): Promise<VgroupAddon[]> {
  const valid = validateInput(client.system, 'getVgroupAddons', id, vgid);
  // No public api3 reference; lbapi:getVgroupAddons(id) → soapVgroupAddon[] in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getVgroupAddons', { id: valid }, vgroupAddonAnswer);
  return answer.ret;
}
