import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { compact, id, validateInput } from '../schemas';

export const vgroupInputSchema = z
  .object({
    vgroup: z
      .object({
        vgid: id.optional(),
        agrmid: id,
        /** Agent of the service (e.g. the intercom agent). */
        agentid: id,
        /** Tariff, e.g. the intercom tariff. */
        tarid: id,
        login: z.string().min(1),
        pass: z.string().optional(),
        descr: z.string().optional(),
      })
      .strict(),
    /** Addon field values by name, e.g. { isvyaz_login: '79001234567', address: 'кв. 12' }. */
    addons: z.record(z.string().min(1), z.string()).default({}),
  })
  .strict();
export type VgroupInput = z.input<typeof vgroupInputSchema>;

/**
 * Creates the учётная запись when `vgroup.vgid` is absent (it starts switched off and
 * never activated: lift block 10 to activate), else updates it; returns its vgid.
 */
export async function insupdVgroup(client: LanbillingClient, input: VgroupInput): Promise<number> {
  const { vgroup, addons } = validateInput(client.system, 'insupdVgroup', vgroupInputSchema, input);
  const val = {
    vgroup: compact({ vgid: vgroup.vgid, agrmid: vgroup.agrmid, agentid: vgroup.agentid, tarid: vgroup.tarid, login: vgroup.login, pass: vgroup.pass, descr: vgroup.descr }),
    addons: Object.entries(addons).map(([name, strvalue]) => ({ vgid: vgroup.vgid ?? 0, name, strvalue })),
  };
  // No public api3 reference; modelled on lbapi__insupdVgroup in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('insupdVgroup', { isInsert: vgroup.vgid === undefined ? 1 : 0, val }, z.object({ ret: id }));
  return answer.ret;
}
