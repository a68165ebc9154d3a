import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { Filter, filterSchema, id, listResponse, validateInput } from '../schemas';

export const usboxServiceSchema = z.object({
  service: z.object({
    servid: id,
    vgid: id,
    tarid: z.number().int().default(0),
    /** Tariff category; the real core sends a numeric index, the simulator a name. */
    catidx: z.union([z.string(), z.number()]).transform(String),
    mul: z.number(),
    comment: z.string().default(''),
    timefrom: z.string().default(''),
    /** Empty: open-ended. */
    timeto: z.string().default(''),
    externaldata: z.string().default(''),
  }),
  agrmid: z.number().int().default(0),
  uid: z.number().int().default(0),
  vglogin: z.string().default(''),
});
export type UsboxService = z.output<typeof usboxServiceSchema>;

/** Periodic services selected by `flt` (vgid, agrmid) or all. */
export async function getUsboxServices(client: LanbillingClient, flt: Filter = {}): Promise<UsboxService[]> {
  const filter = validateInput(client.system, 'getUsboxServices', filterSchema, flt);
  // No public api3 reference; modelled on lbapi__getUsboxServices in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getUsboxServices', { flt: filter }, listResponse(usboxServiceSchema));
  return answer.ret;
}
