import { z } from 'zod';
import type { IspIntegratorClient } from '../client';
import { SetTopBox, setTopBoxSchema } from '../schemas';

export async function getSetTopBox(client: IspIntegratorClient, casn: string): Promise<SetTopBox> {
  const id = client.input('getSetTopBox', z.string().min(1).max(64), casn);
  // No public API doc; modelled on the "Set-Top box" register: https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV
  return client.call('getSetTopBox', { method: 'GET', path: `/set-top-boxes/${encodeURIComponent(id)}` }, setTopBoxSchema);
}
