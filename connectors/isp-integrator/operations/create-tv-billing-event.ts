import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { centsSchema, dateSchema, idempotencyKeySchema, idSchema, TvBillingEvent, tvBillingEventSchema } from '../schemas';

export const createTvBillingEventInput = z.object({
  customerId: idSchema,
  contractedPlanId: idSchema,
  /** "Vencimento", YYYY-MM-DD. */
  dueDate: dateSchema,
  /** Active extra packages of the plan, with the price to bill (centavos). */
  items: z.array(z.object({ packageId: idSchema, name: z.string().min(1).max(120).optional(), price: centsSchema })).min(1),
  idempotencyKey: idempotencyKeySchema,
});
export type CreateTvBillingEventInput = z.input<typeof createTvBillingEventInput>;

/**
 * Saves a Pending "Evento de Faturamento". ISP-Integrator keeps one event per (customer, contracted
 * plan, due date): creating it again returns the first event with `created: false`.
 */
export async function createTvBillingEvent(client: IspIntegratorClient, input: CreateTvBillingEventInput): Promise<{ event: TvBillingEvent; created: boolean }> {
  const { idempotencyKey, ...body } = client.input('createTvBillingEvent', createTvBillingEventInput, input);
  // No public API doc; modelled on "Faturamento TV" → Salvar → "Evento de Faturamento" (Pendente): https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  const { status, data, replayed } = await client.send('createTvBillingEvent', { method: 'POST', path: '/tv/billing-events', body, idempotencyKey }, tvBillingEventSchema);
  return { event: data, created: status === 201 && !replayed };
}
