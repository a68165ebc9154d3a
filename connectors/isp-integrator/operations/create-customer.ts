import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { Customer, customerSchema, idempotencyKeySchema, idSchema } from '../schemas';

export const createCustomerInput = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(120),
  /** CPF (11 digits) or CNPJ (14 digits). */
  document: z.string().regex(/^\d{11}(\d{3})?$/).optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type CreateCustomerInput = z.input<typeof createCustomerInput>;

export async function createCustomer(client: IspIntegratorClient, input: CreateCustomerInput): Promise<Customer> {
  const { idempotencyKey, ...body } = client.input('createCustomer', createCustomerInput, input);
  // No public API doc; modelled on the customer register ("Cliente"): https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('createCustomer', { method: 'POST', path: '/customers', body, idempotencyKey }, customerSchema);
}
