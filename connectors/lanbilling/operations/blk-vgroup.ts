import { z } from 'zod';
import type { LanbillingClient } from '../client';
import { id, longResponse, validateInput } from '../schemas';

/**
 * Block codes (vgroups.blocked) a manager can set: 1 and 4 are financial blocks, 2 the user's,
 * 3 administrative, 10 switched off (https://docs.lanbilling.ru/43/accounts/statuses/).
 */
export const BLOCK_CODES = { balance: 1, user: 2, manager: 3, balanceDebt: 4, off: 10 } as const;

export const blkVgroupInputSchema = z
  .object({
    vgid: id,
    blk: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(10)]),
    /** "on" sets the code, "off" lifts it (lifting 10 activates a new vgroup). */
    state: z.enum(['on', 'off']),
    comment: z.string().default(''),
  })
  .strict();
export type BlkVgroupInput = z.input<typeof blkVgroupInputSchema>;

/** Sets or lifts a block code on a vgroup; repeating the same call changes nothing. The billing keeps it in the block history. */
export async function blkVgroup(client: LanbillingClient, input: BlkVgroupInput): Promise<void> {
  const { vgid, blk, state, comment } = validateInput(client.system, 'blkVgroup', blkVgroupInputSchema, input);
  // No public api3 reference; lbapi:blkVgroup(id, blk, state, comment) in api3.wsdl (API3_WSDL_DOC in ../schemas.ts).
  await client.call('blkVgroup', { id: vgid, blk, state, comment }, longResponse);
}
