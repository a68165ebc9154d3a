import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { Filter, filterSchema, id, listResponse, long, text, validateInput } from '../schemas';

/** soapUsboxServiceFull: a periodic service with the ids of its vgroup, agreement and account. */
export const usboxServiceSchema = z.object({
  service: z.object({
    servid: long().pipe(id),
    vgid: z.number().int(),
    tarid: z.number().int(),
    /** Category index within the tariff. */
    catidx: z.number().int(),
    mul: z.number(),
    comment: text(),
    timefrom: text(),
    /** Empty: open-ended. */
    timeto: text(),
    externaldata: text(),
  }),
  agrmid: long(),
  uid: long(),
  vglogin: text(),
});
export type UsboxService = z.output<typeof usboxServiceSchema>;

/** Built once: a zod schema compiles itself on its first use. */
const usboxServiceAnswer = listResponse(usboxServiceSchema);

/** Periodic services selected by `flt` (vgid, agrmid, userid, tarid, catidx), paged with pgnum/pgsize. */
export async function getUsboxServices(client: LanbillingClient, flt: Filter = {}): Promise<UsboxService[]> {
  const filter = validateInput(client.system, 'getUsboxServices', filterSchema, flt);
  // No public api3 reference; lbapi:getUsboxServices(flt, ord) → soapUsboxServiceFull[] in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getUsboxServices', { flt: filter }, usboxServiceAnswer);
  return answer.ret;
}
