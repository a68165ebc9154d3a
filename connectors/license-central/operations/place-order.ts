import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { compact, list, ticketSchema, validateInput } from '../schemas';

export const placeOrderInputSchema = z
  .object({
    orderNumber: z.string().min(1),
    customer: z.object({ customerNumber: z.string().min(1), name: z.string().optional(), email: z.string().optional() }).strict().optional(),
    lines: z
      .array(
        z
          .object({
            /** The order position in the lead system: the same position again is not ordered twice. */
            position: z.string().min(1),
            firmCode: z.number().int().positive(),
            productCode: z.number().int().nonnegative(),
            quantity: z.number().int().positive(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((o) => new Set(o.lines.map((l) => l.position)).size === o.lines.length, { message: 'positions must be unique within an order', path: ['lines'] });
export type PlaceOrderInput = z.input<typeof placeOrderInputSchema>;

export const lineResultSchema = z.object({
  position: z.string(),
  result: z.enum(['Created', 'Existing', 'Extended', 'Failed']),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
});
export type LineResult = z.output<typeof lineResultSchema>;

export const placeOrderAnswer = z.object({ ticket: ticketSchema, lineResult: list(lineResultSchema) });
export type PlaceOrderAnswer = z.output<typeof placeOrderAnswer>;

/**
 * Sales: an order (items by firm code and product code, optional customer data, order number)
 * answered with its ticket. The same order number again adds to the ticket it already has; a
 * position already on it is not ordered again. Each position's outcome is in `lineResult`.
 */
export async function placeOrder(client: LicenseCentralClient, input: PlaceOrderInput): Promise<PlaceOrderAnswer> {
  const order = validateInput(client.system, 'PlaceOrder', placeOrderInputSchema, input);
  // No public CmLC-API reference; Sales interface per the white paper, 8.2.2 (CMLC_DOCS.whitePaper), contract in cmlc-api.wsdl.
  return client.call(
    'PlaceOrder',
    compact({ orderNumber: order.orderNumber, customer: order.customer ? compact({ ...order.customer }) : undefined, line: order.lines }),
    placeOrderAnswer,
  );
}
