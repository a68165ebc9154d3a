import { SubsyncClient } from '../../client/ts';
import type { SubscriberDetails } from '../../api/operations';
import { LanbillingManager } from '../../simulators/lanbilling/manager';
import { eventually, startTestStack, TestStack } from '../support/stack';

const FULL = ['app_open', 'door_key', 'handset_call', 'video_archive'];

/**
 * The intercom vertical of seed 003 end to end: a LANBilling manager changes accounts over
 * SOAP, billing's hook sends the event through subsync's HTTP API, and the intercom platform
 * (REST simulator) ends up as the seed describes.
 */
describe('intercom lifecycle: LANBilling → subsync → intercom platform', () => {
  let stack: TestStack;
  let lb: LanbillingManager;
  let api: SubsyncClient;
  let n = 0;
  const send = (account: string, type: string, extra: Record<string, unknown> = {}) =>
    api.submitEvent({ id: `hook-${account}-${type}-${++n}`, billing: 'lanbilling', account, type, ...extra }, { wait: true, timeoutMs: 20_000 });
  const profiles = () => (stack.intercom.state() as { profiles: { id: string; login: string; addresses: { externalId: string; label?: string; capabilities: string[] }[] }[] }).profiles;
  const profile = (login: string) => profiles().find((p) => p.login === login);
  const addressOf = (login: string, account: string) => profile(login)?.addresses.find((a) => a.externalId === `lanbilling:${account}`);
  const caps = (login: string, account: string) => [...(addressOf(login, account)?.capabilities ?? [])].sort();

  beforeAll(async () => {
    stack = await startTestStack();
    stack.intercom.seed({ profiles: [{ login: '79007654321', name: 'Петрова', addresses: [] }] });
    lb = new LanbillingManager(stack.lanbilling.url);
    api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  });
  afterAll(async () => stack?.stop());

  it('creates, activates, blocks, unblocks and disables two apartments under one profile', async () => {
    const { agrmid } = await lb.createCustomer('Иванов', 1000);
    const kv12 = await lb.createAccount(agrmid, '79001234567', 'ул. Ленина 1, кв. 12');

    // create → no profile for the login yet, so one is created with this apartment as its address
    const created = await send(kv12, 'create');
    expect(created).toMatchObject({ outcome: 'accepted', status: 'applied' });
    expect(profile('79001234567')?.addresses).toEqual([expect.objectContaining({ externalId: `lanbilling:${kv12}`, label: 'ул. Ленина 1, кв. 12', capabilities: [] })]);

    // activate + the periodic intercom service → full capabilities, and the first period is charged
    await lb.activate(kv12);
    await send(kv12, 'activate');
    expect(caps('79001234567', kv12)).toEqual([]);
    const servid = await lb.addIntercom(kv12);
    const enabled = await send(kv12, 'service.enable', { service: 'intercom' });
    expect(enabled.subscriber?.status).toBe('active');
    expect(caps('79001234567', kv12)).toEqual(FULL);
    const details = (await api.getSubscriber('lanbilling', kv12)) as SubscriberDetails;
    await eventually(async () => ((await api.getSubscriber('lanbilling', kv12))?.ledger.length ?? 0) > 0);
    const ledger = (await api.getSubscriber('lanbilling', kv12))!.ledger;
    expect(ledger).toEqual([expect.objectContaining({ service: 'intercom', status: 'charged', amount: '150.00' })]);
    expect(details.links).toEqual([expect.objectContaining({ platform: 'intercom', login: '79001234567' })]);

    // a second apartment with the same login becomes a second address of the same profile
    const kv14 = await lb.createAccount(agrmid, '79001234567', 'ул. Ленина 1, кв. 14');
    await lb.activate(kv14);
    await lb.addIntercom(kv14);
    await send(kv14, 'create');
    expect(profiles().filter((p) => p.login === '79001234567')).toHaveLength(1);
    expect(caps('79001234567', kv14)).toEqual(FULL);

    // block → only door_key; unblock restores
    await lb.block(kv12);
    const blocked = await send(kv12, 'block', { reason: 'manager' });
    expect(blocked.subscriber).toMatchObject({ status: 'blocked', blockReason: 'manager' });
    expect(caps('79001234567', kv12)).toEqual(['door_key']);
    expect(caps('79001234567', kv14)).toEqual(FULL);
    await lb.unblock(kv12);
    await send(kv12, 'unblock');
    expect(caps('79001234567', kv12)).toEqual(FULL);

    // disabling the periodic service removes that address; the profile stays for kv14
    await lb.endService(kv12, servid);
    await send(kv12, 'service.disable', { service: 'intercom' });
    expect(addressOf('79001234567', kv12)).toBeUndefined();
    expect(profile('79001234567')?.addresses).toHaveLength(1);

    // disabling the last account removes the profile
    await lb.switchOff(kv14);
    const off = await send(kv14, 'disable');
    expect(off.subscriber?.status).toBe('disabled');
    expect(profile('79001234567')).toBeUndefined();
  });

  it('links to an existing platform profile instead of creating one', async () => {
    const before = profile('79007654321')!;
    const { agrmid } = await lb.createCustomer('Петрова', 500);
    const acc = await lb.createAccount(agrmid, '79007654321', 'ул. Мира 5, кв. 3');
    await send(acc, 'create');
    const after = profile('79007654321')!;
    expect(after.id).toBe(before.id);
    expect(after.addresses.map((a) => a.externalId)).toEqual([`lanbilling:${acc}`]);
    const events = (stack.intercom.state() as { events: { type: string }[] }).events;
    expect(events.filter((e) => /client.*created|created/.test(e.type) && JSON.stringify(e).includes('79007654321'))).toHaveLength(0);
  });

  it('parks an account without a login with a reason, and goes on after the operator fixes billing and retries', async () => {
    const { agrmid } = await lb.createCustomer('Без логина', 100);
    const acc = await lb.createAccount(agrmid, undefined, 'кв. 1');
    const res = await send(acc, 'create');
    expect(res.status).toBe('parked');
    const parked = await api.getSubscriber('lanbilling', acc);
    expect(parked?.parked?.reason).toMatch(/isvyaz_login/);
    await eventually(async () => (await api.listParked()).some((p) => p.account === acc && /isvyaz_login/.test(p.reason)));
    await lb.setLogin(acc, '79009990000');
    await api.resolveParked('lanbilling', acc, { action: 'retry', by: 'test' });
    await eventually(() => !!addressOf('79009990000', acc));
    expect((await api.getSubscriber('lanbilling', acc))?.parked).toBeUndefined();
  });
});
