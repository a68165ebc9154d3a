import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { compact, id, idResponse, validateInput } from '../schemas';

export const vgroupInputSchema = z
  .object({
    /** soapVgroup: the elements subsync writes. */
    vgroup: z
      .object({
        vgid: id.optional(),
        agrmid: id,
        /** Agent of the service, e.g. the intercom agent (soapVgroup calls it `id`). */
        id,
        /** Tariff, e.g. the intercom tariff. */
        tarid: id,
        login: z.string().min(1),
        pass: z.string().optional(),
        descr: z.string().optional(),
      })
      .strict(),
    /** Addon field values by name, e.g. { isvyaz_login: '79001234567' }. */
    addons: z.record(z.string().min(1), z.string()).default({}),
    /** The vgroup's address (the apartment), as a soapAddressBrief of type 0. */
    address: z.string().min(1).optional(),
  })
  .strict();
export type VgroupInput = z.input<typeof vgroupInputSchema>;

/**
 * Creates the учётная запись when `vgroup.vgid` is absent (it starts switched off and never
 * activated: lift block 10 to activate), else updates it; returns its vgid.
 */
export async function insupdVgroup(client: LanbillingClient, input: VgroupInput): Promise<number> {
  const { vgroup, addons, address } = validateInput(client.system, 'insupdVgroup', vgroupInputSchema, input);
  const vgid = vgroup.vgid ?? 0;
  const val = compact({
    vgroup: compact({ vgid, tarid: vgroup.tarid, agrmid: vgroup.agrmid, id: vgroup.id, descr: vgroup.descr, login: vgroup.login, pass: vgroup.pass }),
    addons: Object.entries(addons).map(([name, strvalue]) => ({ vgid, type: 0, agentid: vgroup.id, idx: 0, name, descr: '', strvalue })),
    addresses: address === undefined ? undefined : [{ type: 0, code: '', address }],
  });
  // No public api3 reference; lbapi:insupdVgroup(isInsert, val: soapVgroupFull) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  const answer = await client.call('insupdVgroup', { isInsert: vgroup.vgid === undefined ? 1 : 0, val }, idResponse);
  return answer.ret;
}
