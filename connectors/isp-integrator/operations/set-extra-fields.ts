import { z } from 'zod';
import { contractedPlanPath, IspIntegratorClient } from '../client';
import { ContractedPlan, contractedPlanRefSchema, contractedPlanSchema, idempotencyKeySchema } from '../schemas';

export const setExtraFieldsInput = contractedPlanRefSchema.extend({
  /** Field name → value; null removes the field; fields not named are kept. */
  fields: z.record(z.string().min(1).max(60), z.string().max(255).nullable()),
  idempotencyKey: idempotencyKeySchema,
});
export type SetExtraFieldsInput = z.input<typeof setExtraFieldsInput>;

/** "Campo Extra": subsync writes Beenius's "ID Assinante Beenius" and "Auth Pin Assinante Beenius" here. */
export async function setExtraFields(client: IspIntegratorClient, input: SetExtraFieldsInput): Promise<ContractedPlan> {
  const { fields, idempotencyKey, ...ref } = client.input('setExtraFields', setExtraFieldsInput, input);
  // No public API doc; modelled on "Campo Extra / Plataforma Beenius": https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('setExtraFields', { method: 'PUT', path: `${contractedPlanPath(ref)}/extra-fields`, body: fields, idempotencyKey }, contractedPlanSchema);
}
