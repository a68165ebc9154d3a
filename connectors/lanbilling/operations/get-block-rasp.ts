import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { Filter, filterSchema, listResponse, long, text, validateInput } from '../schemas';

/** soapBlockRasp: one entry of a vgroup's block schedule; `ishistory` 1 marks a change already applied. */
export const blockRecordSchema = z.object({
  recordid: long(),
  vgid: long(),
  /** The block state the entry sets (0 lifts the block). */
  blkreq: long(),
  ishistory: long(),
  /** personid of the manager who asked for it. */
  requestby: long(-1),
  changetime: text(),
  mgrname: text(),
  comment: text(),
});
export type BlockRecord = z.output<typeof blockRecordSchema>;

/** Built once: a zod schema compiles itself on its first use. */
const blockRecordAnswer = listResponse(blockRecordSchema);

/** The block history (and schedule) of vgroups selected by `flt` (vgid). */
export async function getBlockRasp(client: LanbillingClient, flt: Filter = {}): Promise<BlockRecord[]> {
  const filter = validateInput(client.system, 'getBlockRasp', filterSchema, flt);
  // No public api3 reference; lbapi:getBlockRasp(flt) → soapBlockRasp[] in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('getBlockRasp', { flt: filter }, blockRecordAnswer);
  return answer.ret;
}
