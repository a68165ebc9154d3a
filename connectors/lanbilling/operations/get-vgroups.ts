import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { addressSchema, double, Filter, filterSchema, id, list, listResponse, long, text, validateInput } from '../schemas';

/** soapVgroupBrief, the list view of an учётная запись: the elements subsync reads. */
export const vgroupBriefSchema = z.object({
  vgid: long().pipe(id),
  /** The agent (the vendor calls it `id`). */
  id: long(),
  tarid: long(),
  agrmid: long().pipe(id),
  blkreq: long(),
  /** 0 active; 1 and 4 financial blocks; 2 user; 3 administrative; 10 switched off. */
  blocked: long(),
  uid: long(),
  /** Balance of the vgroup's agreement. */
  balance: double(),
  login: text(),
  descr: text(),
  agrmnum: text(),
  username: text(),
  creationdate: text(),
  /** Activation date; empty while the vgroup was never switched on. */
  accondate: text(),
  accoffdate: text(),
  blockdate: text(),
  address: list(addressSchema),
});
export type VgroupBrief = z.output<typeof vgroupBriefSchema>;

/** Built once: a zod schema compiles itself on its first use. */
const vgroupBriefAnswer = listResponse(vgroupBriefSchema);

/**
 * Учётные записи selected by `flt` (vgid, agrmid, userid, agentid, tarid, login; archive 0 live,
 * 1 archived), paged with pgnum/pgsize. No addons, no services: see getVgroup for the full read.
 */
export async function getVgroups(client: LanbillingClient, flt: Filter = {}): Promise<VgroupBrief[]> {
  const filter = validateInput(client.system, 'getVgroups', filterSchema, flt);
  // No public api3 reference; lbapi:getVgroups(flt, ord) → soapVgroupBrief[] in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getVgroups', { flt: filter }, vgroupBriefAnswer);
  return answer.ret;
}
