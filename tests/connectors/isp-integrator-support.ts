import { ispIntegratorConnector, IspIntegratorBilling } from '../../connectors/isp-integrator';
import { createLogger } from '../../runtime/logger';
import { createIspIntegratorSimulator, IspIntegratorSimulator, IspIntegratorSimulatorOptions } from '../../simulators/isp-integrator/server';

export const TOKEN = 'test-token';

export interface IspIntegratorFixture {
  sim: IspIntegratorSimulator;
  billing: IspIntegratorBilling;
  url: string;
  connect(options?: { token?: string; timeoutMs?: number; url?: string }): IspIntegratorBilling;
}

/** The simulator on a real port (0 = any free one) and a connector instance pointed at it. */
export async function startIspIntegrator(options: IspIntegratorSimulatorOptions = {}): Promise<IspIntegratorFixture> {
  const sim = createIspIntegratorSimulator({ token: TOKEN, ...options });
  const url = await sim.start(0);
  const logger = createLogger({ level: 'silent' });
  const connect: IspIntegratorFixture['connect'] = (o = {}) =>
    ispIntegratorConnector.create('isp-integrator', ispIntegratorConnector.configSchema.parse({ url: o.url ?? url, token: o.token ?? TOKEN, timeoutMs: o.timeoutMs ?? 5000 }), { logger });
  return { sim, url, billing: connect(), connect };
}

/** Awaits a promise that must fail and returns the error for assertions. */
export async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, it succeeded');
}
