import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { idempotencyKeySchema, SetTopBox, setTopBoxSchema } from '../schemas';

export const registerSetTopBoxInput = z.object({
  casn: z.string().regex(/^[A-Za-z0-9]{8,20}$/, '8–20 letters or digits'),
  /** "Patrimônio". */
  assetNumber: z.string().trim().min(1).max(30),
  model: z.string().trim().min(1).max(60).optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type RegisterSetTopBoxInput = z.input<typeof registerSetTopBoxInput>;

/**
 * Registers a set-top box. Idempotent by CASN: the same box again answers 200 and `created: false`
 * (so does a replay of the same Idempotency-Key);
 * the same CASN with another asset number or model is a PermanentError conflict.
 */
export async function registerSetTopBox(client: IspIntegratorClient, input: RegisterSetTopBoxInput): Promise<{ box: SetTopBox; created: boolean }> {
  const { idempotencyKey, ...body } = client.input('registerSetTopBox', registerSetTopBoxInput, input);
  // No public API doc; modelled on the "Set-Top box" register ("Importar STB", "Compra Produtos sem XML"): https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  const { status, data, replayed } = await client.send('registerSetTopBox', { method: 'POST', path: '/set-top-boxes', body, idempotencyKey }, setTopBoxSchema);
  return { box: data, created: status === 201 && !replayed };
}
