import { SubsyncClient } from '../../client/ts';
import { LanbillingManager } from '../../simulators/lanbilling/manager';
import { startPostgres, PostgresServer } from '../support/postgres';
import { startTestStack, TestStack } from '../support/stack';

/** DATABASE_URL picks the store: the whole stack on a real PostgreSQL keeps its inbox, links and ledger there. */
describe('the stack on PostgreSQL', () => {
  let pg: PostgresServer;
  let stack: TestStack;

  beforeAll(async () => {
    pg = await startPostgres();
    stack = await startTestStack({ store: { url: pg.url } }, { onlyStackConnectors: true });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await pg?.stop();
  }, 60_000);

  it('records the event, the link and the charge in PostgreSQL', async () => {
    const lb = new LanbillingManager(stack.lanbilling.url);
    const { agrmid } = await lb.createCustomer('Кузнецов', 1000);
    const vgid = await lb.createAccount(agrmid, '79004445566', 'кв. 9');
    await lb.activate(vgid);
    await lb.addIntercom(vgid);
    const api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
    const res = await api.submitEvent({ id: `pg-create-${vgid}`, billing: 'lanbilling', account: vgid, type: 'create' }, { wait: true });
    expect(res.status).toBe('applied');

    const rows = async (sql: string) => (await stack.app.store.orm.em.fork().getConnection().execute(sql, [`lanbilling:${vgid}`])) as Record<string, unknown>[];
    expect(stack.app.store.orm.config.get('clientUrl')).toBe(pg.url);
    expect(await rows('select id from inbox_events where subscriber_id = ?')).toEqual([{ id: `pg-create-${vgid}` }]);
    expect(await rows('select platform, login from links where subscriber_id = ?')).toEqual([{ platform: 'intercom', login: '79004445566' }]);
    const ledger = await rows('select status, amount from ledger where subscriber_id = ?');
    expect(ledger).toHaveLength(1);
    expect(ledger[0].status).toBe('charged');
    expect(Number(ledger[0].amount)).toBe(150);
  });
});
