import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { dateSchema, idSchema, Page, pageInputSchema, pageSchema, TvBillingEvent, tvBillingEventSchema } from '../schemas';

export const listTvBillingEventsInput = pageInputSchema.extend({
  dueDate: dateSchema.optional(),
  customerId: idSchema.optional(),
  status: z.enum(['pending', 'processed']).optional(),
});
export type ListTvBillingEventsInput = z.input<typeof listTvBillingEventsInput>;

/** One page of billing events, filtered by due date, customer and/or status. */
export async function listTvBillingEvents(client: IspIntegratorClient, input: ListTvBillingEventsInput = {}): Promise<Page<TvBillingEvent>> {
  const query = client.input('listTvBillingEvents', listTvBillingEventsInput, input);
  // No public API doc; modelled on the customer's "Evento de Faturamento" screen: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('listTvBillingEvents', { method: 'GET', path: '/tv/billing-events', query }, pageSchema(tvBillingEventSchema));
}
