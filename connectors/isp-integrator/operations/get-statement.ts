import type { IspIntegratorClient } from '../client';
import { idSchema, Statement, statementSchema } from '../schemas';

/** "Extrato Financeiro": where processed TV billing events show their values. */
export async function getStatement(client: IspIntegratorClient, customerId: string): Promise<Statement> {
  const id = client.input('getStatement', idSchema, customerId);
  // No public API doc; modelled on "Extrato Financeiro" as described under "Faturamento TV": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('getStatement', { method: 'GET', path: `/customers/${encodeURIComponent(id)}/statement` }, statementSchema);
}
