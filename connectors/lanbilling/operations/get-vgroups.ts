import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { Filter, filterSchema, id, listResponse, validateInput } from '../schemas';

export const vgroupSchema = z.object({
  vgid: id,
  agentid: z.number().int(),
  tarid: z.number().int(),
  agrmid: id,
  uid: z.number().int(),
  blkreq: z.number().int(),
  /** 0 active, 1 balance, 2 user, 3 manager, 4 traffic, 10 switched off. */
  blocked: z.number().int(),
  /** Epoch ms of the last change to the vgroup, its addons or services. */
  changed: z.number().int(),
  archive: z.number().int().default(0),
  /** Balance of the vgroup's agreement. */
  balance: z.number(),
  login: z.string(),
  descr: z.string().default(''),
  agrmnum: z.string().default(''),
  username: z.string().default(''),
  creationdate: z.string().default(''),
  /** First activation; empty while the vgroup was never switched on. */
  accondate: z.string().default(''),
  blockdate: z.string().default(''),
});
export type Vgroup = z.output<typeof vgroupSchema>;

/** Учётные записи selected by `flt` (vgid, agrmid, userid, login; archive 0/1/2), paged with pgnum/pgsize. */
export async function getVgroups(client: LanbillingClient, flt: Filter = {}): Promise<Vgroup[]> {
  const filter = validateInput(client.system, 'getVgroups', filterSchema, flt);
  // No public api3 reference; modelled on lbapi__getVgroups in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getVgroups', { flt: filter }, listResponse(vgroupSchema));
  return answer.ret;
}
