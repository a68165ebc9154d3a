import { z } from 'zod';
import { outgoing } from '../../tv/http';
import type { NeoTvClient } from '../client';
import { userEnvelope, type NeoTvUser } from '../schemas';

const body = z.object({ codigo: z.string().min(1) });

/** The base package is the "pacote principal", by code. */
export async function setMainPackage(client: NeoTvClient, id: number, packageCode: string, idempotencyKey: string): Promise<NeoTvUser> {
  const data = outgoing(client.system, 'setBasePackage', body, { codigo: packageCode });
  // No public NEO TV push API reference (HubSoft documents only its callback model, see README); modelled: PUT /neo/api/users/{id}/pacote-principal.
  return (await client.request('setBasePackage', { method: 'PUT', path: `/users/${id}/pacote-principal`, body: data, idempotencyKey }, userEnvelope)).user;
}
