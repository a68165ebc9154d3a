import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { customerSchema, dateTime, list, orderLineSchema } from '../schemas';
import { ChangeAnswer, ChangeQuery, queryChanges } from './change-query';

export const orderChangeSchema = z.object({
  changeId: z.string(),
  sequence: z.number().int(),
  time: dateTime,
  type: z.enum(['OrderCreated', 'OrderExtended']),
  ticket: z.string(),
  orderNumber: z.string(),
  customer: customerSchema.optional(),
  line: list(orderLineSchema),
});
export type OrderChange = z.output<typeof orderChangeSchema>;

/** Admin: orders placed or extended after a sequence number (NotificationDispatcher's "Orders" module). */
export async function getOrderChanges(client: LicenseCentralClient, query: ChangeQuery): Promise<ChangeAnswer<OrderChange>> {
  // No public CmLC-API reference; the feed follows KEYnote 42 (CMLC_DOCS.notificationDispatcher), contract in cmlc-api.wsdl.
  return queryChanges(client, 'GetOrderChanges', query, orderChangeSchema);
}
