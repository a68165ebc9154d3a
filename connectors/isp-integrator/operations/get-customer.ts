import type { IspIntegratorClient } from '../client';
import { Customer, customerSchema, idSchema } from '../schemas';

/** The customer with every contracted plan ("Planos Ativos"), its packages, points and extra fields. */
export async function getCustomer(client: IspIntegratorClient, customerId: string): Promise<Customer> {
  const id = client.input('getCustomer', idSchema, customerId);
  // No public API doc; modelled on "Cliente / Planos / Planos Ativos": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('getCustomer', { method: 'GET', path: `/customers/${encodeURIComponent(id)}` }, customerSchema);
}
