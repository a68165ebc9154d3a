import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { NeoTvClient } from '../client';
import { userEnvelope, type NeoTvUser } from '../schemas';

const body = z.object({ codigo: z.string().min(1) });

export async function addExtraPackage(client: NeoTvClient, id: number, packageCode: string, idempotencyKey: string): Promise<NeoTvUser> {
  const data = outgoing(client.system, 'addExtraPackage', body, { codigo: packageCode });
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: POST /neo/api/users/{id}/pacotes-adicionais.
  return (await client.request('addExtraPackage', { method: 'POST', path: `/users/${id}/pacotes-adicionais`, body: data, idempotencyKey }, userEnvelope)).user;
}
