import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { compact, id, idResponse, lbDate, validateInput } from '../schemas';

export const usboxServiceInputSchema = z
  .object({
    servid: id.optional(),
    vgid: id,
    /** Tariff of the service (the vgroup's tariff). */
    tarid: id,
    /** Category index of the service within the tariff, e.g. the intercom fee. */
    catidx: z.number().int().nonnegative(),
    mul: z.number().positive().default(1),
    comment: z.string().optional(),
    /** "YYYY-MM-DD HH:MM:SS"; defaults to now in the billing. */
    timefrom: lbDate.optional(),
    /** "YYYY-MM-DD HH:MM:SS"; empty or absent: open-ended. */
    timeto: z.union([lbDate, z.literal('')]).optional(),
    externaldata: z.string().optional(),
  })
  .strict();
export type UsboxServiceInput = z.input<typeof usboxServiceInputSchema>;

/** Adds a periodic service to a vgroup when `servid` is absent, else updates it; returns its servid. */
export async function insupdUsboxService(client: LanbillingClient, input: UsboxServiceInput): Promise<number> {
  const val = validateInput(client.system, 'insupdUsboxService', usboxServiceInputSchema, input);
  // No public api3 reference; lbapi:insupdUsboxService(isInsert, val: soapUsboxService) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('insupdUsboxService', { isInsert: val.servid === undefined ? 1 : 0, val: compact({ ...val, servid: val.servid ?? 0 }) }, idResponse);
  return answer.ret;
}
