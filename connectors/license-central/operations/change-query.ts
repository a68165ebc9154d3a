import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { list, validateInput } from '../schemas';

export const changeQuerySchema = z
  .object({
    /** The sequence number of the last change already processed (0: from the beginning). */
    afterSequence: z.number().int().nonnegative(),
    maxCount: z.number().int().min(1).max(1000),
  })
  .strict();
export type ChangeQuery = z.input<typeof changeQuerySchema>;

export interface ChangeAnswer<T> {
  changes: T[];
  /** The cursor for the next poll: the last sequence number of this page (afterSequence when empty). */
  nextSequence: number;
  hasMore: boolean;
}

/** The shared shape of GetOrderChanges, GetLicenseChanges and GetActivationChanges. */
export async function queryChanges<T extends z.ZodType>(client: LicenseCentralClient, operation: string, query: ChangeQuery, change: T): Promise<ChangeAnswer<z.output<T>>> {
  const input = validateInput(client.system, operation, changeQuerySchema, query);
  const answer = await client.call(operation, input, z.object({ change: list(change), nextSequence: z.number().int(), hasMore: z.boolean() }));
  return { changes: answer.change, nextSequence: answer.nextSequence, hasMore: answer.hasMore };
}
