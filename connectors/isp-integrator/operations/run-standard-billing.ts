import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { centsSchema, dateSchema, idempotencyKeySchema } from '../schemas';

export const runStandardBillingInput = z.object({ upTo: dateSchema, idempotencyKey: idempotencyKeySchema });
export type RunStandardBillingInput = z.input<typeof runStandardBillingInput>;

const standardRunSchema = z.object({ upTo: dateSchema, processed: z.number().int().nonnegative(), total: centsSchema });
export type StandardRunResult = z.output<typeof standardRunSchema>;

/** Staff action "Faturamento Padrão": pending events due up to `upTo` become Processed and reach the statement. */
export async function runStandardBilling(client: IspIntegratorClient, input: RunStandardBillingInput): Promise<StandardRunResult> {
  const { upTo, idempotencyKey } = client.input('runStandardBilling', runStandardBillingInput, input);
  // No public API doc; modelled on "Faturamento Padrão" as described under "Faturamento TV": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('runStandardBilling', { method: 'POST', path: '/billing/standard-runs', body: { upTo }, idempotencyKey }, standardRunSchema);
}
