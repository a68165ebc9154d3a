import { ispIntegratorConnector } from '../../connectors/isp-integrator';
import { createLogger } from '../../runtime/logger';
import { createIspIntegratorSimulator } from '../../simulators/isp-integrator/server';
import { defaultSeed } from '../../simulators/isp-integrator/seed';
import { useSimulator } from '../support/simulator-hooks';

const TOKEN = 'test-token';
const sim = useSimulator(createIspIntegratorSimulator({ token: TOKEN }));
const connect = (servicePlans?: Record<string, string[]>) =>
  ispIntegratorConnector.create('isp-integrator', ispIntegratorConnector.configSchema.parse({ url: sim.url, token: TOKEN, timeoutMs: 5000, servicePlans }), { logger: createLogger({ level: 'silent' }) });

/**
 * A service sold as a plan of its own (software licenses): `servicePlans` names the plans, each
 * contracted plan of one is one of the account's services, with its plan, state and extra fields.
 */
describe('ISP-Integrator: services sold as plans', () => {
  beforeEach(() =>
    sim.seed({
      ...defaultSeed,
      plans: [...(defaultSeed.plans ?? []), { id: 'LIC-OFFICE', name: 'Licença Office', allowsTvPlans: false }, { id: 'LIC-OFFICE-AV', name: 'Licença Office + Antivírus', allowsTvPlans: false }],
      customers: [
        {
          id: '2001',
          name: 'Carla Souza',
          plans: [
            { id: '7001', planId: 'LIC-OFFICE-AV', status: 'active', extraFields: { 'Ticket Licença': 'OLD', Obs: 'cliente antigo' } },
            { id: '7002', planId: 'LIC-OFFICE', status: 'suspended' },
            { id: '7003', planId: 'INTERNET-300', status: 'active' },
          ],
        },
      ],
    }),
  );

  it('maps each contracted plan of a configured plan to a service with plan, state and extra fields', async () => {
    const account = await connect({ 'software-license': ['LIC-OFFICE', 'LIC-OFFICE-AV'] }).getAccount('2001');
    expect(account.services).toEqual([
      { service: 'software-license', externalId: '7001', active: true, plan: 'LIC-OFFICE-AV', suspended: false, fields: { 'Ticket Licença': 'OLD', Obs: 'cliente antigo' } },
      { service: 'software-license', externalId: '7002', active: false, plan: 'LIC-OFFICE', suspended: true, fields: {} },
    ]);
    // Without the setting the same customer has no such service.
    expect((await connect().getAccount('2001')).services).toEqual([]);
  });

  it('writes service fields into the contracted plan’s extra fields, keeping the others', async () => {
    const billing = connect({ 'software-license': ['LIC-OFFICE-AV'] });
    await billing.setServiceFields('2001', '7001', { 'Ticket Licença': 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2' });
    expect((await billing.getAccount('2001')).services[0]?.fields).toEqual({ 'Ticket Licença': 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2', Obs: 'cliente antigo' });
    await expect(billing.setServiceFields('2001', '9999', { x: 'y' })).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
  });

  it('refuses a servicePlans entry without plans, naming it', () => {
    const r = ispIntegratorConnector.configSchema.safeParse({ url: 'http://x', token: 't', servicePlans: { 'software-license': [] } });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['servicePlans.software-license']);
  });
});
