import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { id, validateInput } from '../schemas';

export const setVgroupAddonInputSchema = z.object({ vgid: id, name: z.string().min(1), value: z.string() }).strict();
export type SetVgroupAddonInput = z.input<typeof setVgroupAddonInputSchema>;

/** Sets one addon field of a vgroup (the field must be defined in the billing). */
export async function setVgroupAddon(client: LanbillingClient, input: SetVgroupAddonInput): Promise<void> {
  const { vgid, name, value } = validateInput(client.system, 'setVgroupAddon', setVgroupAddonInputSchema, input);
  // No public api3 reference; modelled on lbapi__setVgroupAddon in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  await client.call('setVgroupAddon', { val: { vgid, name, strvalue: value } }, z.object({ ret: z.number().int() }));
}
