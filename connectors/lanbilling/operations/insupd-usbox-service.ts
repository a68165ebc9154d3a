import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { compact, id, lbDate, validateInput } from '../schemas';

export const usboxServiceInputSchema = z
  .object({
    servid: id.optional(),
    vgid: id,
    tarid: id.optional(),
    /** Tariff category of the service, e.g. "intercom". */
    catidx: z.string().min(1),
    mul: z.number().positive().default(1),
    comment: z.string().optional(),
    /** "YYYY-MM-DD HH:MM:SS"; defaults to now in the billing. */
    timefrom: lbDate.optional(),
    /** "YYYY-MM-DD HH:MM:SS"; empty or absent: open-ended. Setting it in the past ends the service. */
    timeto: z.union([lbDate, z.literal('')]).optional(),
    externaldata: z.string().optional(),
  })
  .strict();
export type UsboxServiceInput = z.input<typeof usboxServiceInputSchema>;

/** Adds a periodic service to a vgroup when `servid` is absent, else updates it; returns its servid. */
export async function insupdUsboxService(client: LanbillingClient, input: UsboxServiceInput): Promise<number> {
  const val = validateInput(client.system, 'insupdUsboxService', usboxServiceInputSchema, input);
  // No public api3 reference; modelled on lbapi__insupdUsboxService in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('insupdUsboxService', { isInsert: val.servid === undefined ? 1 : 0, val: compact(val) }, z.object({ ret: id }));
  return answer.ret;
}
