import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { id, longResponse, validateInput } from '../schemas';

export const setVgroupAddonInputSchema = z
  .object({
    vgid: id,
    /** The addon field (it must be defined in the billing). */
    name: z.string().min(1),
    value: z.string(),
    /** The vgroup's agent; soapVgroupAddon requires it. */
    agentid: z.number().int().nonnegative().default(0),
  })
  .strict();
export type SetVgroupAddonInput = z.input<typeof setVgroupAddonInputSchema>;

/** Sets one addon field of a vgroup (a text field: type 0, idx 0). */
export async function setVgroupAddon(client: LanbillingClient, input: SetVgroupAddonInput): Promise<void> {
  const { vgid, name, value, agentid } = validateInput(client.system, 'setVgroupAddon', setVgroupAddonInputSchema, input);
  // No public api3 reference; lbapi:setVgroupAddon(val: soapVgroupAddon) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  await client.call('setVgroupAddon', { val: { vgid, type: 0, agentid, idx: 0, name, descr: '', strvalue: value } }, longResponse);
}
