import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { Customer, customerSchema, Page, pageInputSchema, pageSchema } from '../schemas';

/** One page of customers with their contracted plans, in creation order. */
export async function listCustomers(client: IspIntegratorClient, input: z.input<typeof pageInputSchema> = {}): Promise<Page<Customer>> {
  const i = client.input('listCustomers', pageInputSchema, input);
  // No public API doc; modelled on the customer register ("Cliente"): https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('listCustomers', { method: 'GET', path: '/customers', query: { cursor: i.cursor, limit: i.limit } }, pageSchema(customerSchema));
}
