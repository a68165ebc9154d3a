import { z } from 'zod';
import { PermanentError } from '../../errors';
import type { LanbillingClient } from '../client';
import { addressSchema, id, list, listResponse, long, text, validateInput } from '../schemas';
import { vgroupAddonSchema } from './get-vgroup-addons';

/** soapVgroupFull: the vgroup (soapVgroup) with its addon values and addresses. */
export const vgroupFullSchema = z.object({
  vgroup: z.object({
    vgid: long().pipe(id),
    tarid: long(),
    agrmid: long().pipe(id),
    /** The agent. */
    id: long(),
    uid: long(),
    blkreq: long(),
    blocked: long(),
    archive: long(),
    accondatefirst: text(),
    creationdate: text(),
    accondate: text(),
    accoffdate: text(),
    blockdate: text(),
    descr: text(),
    login: text(),
  }),
  addons: list(vgroupAddonSchema),
  addresses: list(addressSchema),
  agrmnum: text(),
  username: text(),
});
export type VgroupFull = z.output<typeof vgroupFullSchema>;

/** Built once: a zod schema compiles itself on its first use. */
const vgroupFullAnswer = listResponse(vgroupFullSchema);

/** One учётная запись in full (archived ones too): its state, addon values and addresses in one call. */
export async function getVgroup(client: LanbillingClient, vgid: number): Promise<VgroupFull> {
  const valid = validateInput(client.system, 'getVgroup', id, vgid);
  // No public api3 reference; lbapi:getVgroup(id) → soapVgroupFull in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getVgroup', { id: valid }, vgroupFullAnswer);
  const found = answer.ret.find((v) => v.vgroup.vgid === valid);
  if (!found) throw new PermanentError(client.system, 'getVgroup', 'not_found', `vgroup ${valid} not found`);
  return found;
}
