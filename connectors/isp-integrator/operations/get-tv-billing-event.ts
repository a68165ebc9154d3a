import type { IspIntegratorClient } from '../client';
import { idSchema, TvBillingEvent, tvBillingEventSchema } from '../schemas';

/** One billing event, to follow it from Pending to Processed. */
export async function getTvBillingEvent(client: IspIntegratorClient, eventId: string): Promise<TvBillingEvent> {
  const id = client.input('getTvBillingEvent', idSchema, eventId);
  // No public API doc; modelled on the customer's "Evento de Faturamento" screen: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('getTvBillingEvent', { method: 'GET', path: `/tv/billing-events/${encodeURIComponent(id)}` }, tvBillingEventSchema);
}
