import { accountKeyOf } from '../../connectors/video-resell';
import { insupdAccount } from '../../connectors/lanbilling';
import { VIDEO_ROOMS_TARIFFS } from '../../simulators/meeting-demo';
import { eventually } from '../support/stack';
import { MeetingTestStack, MeetingWorld, startMeetingTestStack, VIDEO_ROOMS_CATEGORY } from '../support/meeting-stack';

/**
 * The video rooms service end to end: LANBilling sells a rooms tariff, billing's hook sends the
 * events through subsync's HTTP API, and the resell platform (REST simulator, OAuth2 API
 * credential) holds the holder as a customer with an account on the tariff's package, its owner
 * and exactly the tariff's rooms; block suspends it, disable removes it.
 */
describe('video rooms: LANBilling → subsync → video resell platform', () => {
  let stack: MeetingTestStack;
  let w: MeetingWorld;

  beforeAll(async () => {
    stack = await startMeetingTestStack();
    w = new MeetingWorld(stack);
  });
  afterAll(async () => stack?.stop());

  const accountOf = (vgid: string) => stack.video.state().accounts.find((a) => a.account_key === accountKeyOf(`lanbilling:${vgid}`));
  const roomsOf = (accountId: string) => stack.video.state().rooms.filter((r) => r.account_id === accountId);
  const customerOf = (email: string) => stack.video.state().customers.find((c) => c.email === email);

  it('creates customer, account with its owner and the plan rooms; block suspends, unblock resumes, disable removes', async () => {
    const { agrmid } = await w.holder('Смирнова Ольга Петровна', { email: 'olga@example.ru' });
    const { vgid } = await w.account(agrmid, VIDEO_ROOMS_TARIFFS.pro, VIDEO_ROOMS_CATEGORY, 'пр. Мира 10, кв. 5');

    const created = await w.send(vgid, 'create');
    expect(created.status).toBe('applied');
    const customer = customerOf('olga@example.ru');
    // LANBilling writes a person's name surname first.
    expect(customer).toMatchObject({ first_name: 'Ольга Петровна', last_name: 'Смирнова', customer_type: 'personal', country: 'RU', currency: 'RUB', customer_metadata: { managed_by: 'subsync' } });
    const account = accountOf(vgid)!;
    expect(account).toMatchObject({ account_name: 'пр. Мира 10, кв. 5', status: 'active', subscriber_id: customer!.id });
    expect(stack.video.state().subscriptions.find((s) => s.id === account.subscription_id)).toMatchObject({ package_id: 'meet-pro' });
    const owner = stack.video.state().users.find((u) => u.email === 'olga@example.ru')!;
    expect(account.users).toEqual([expect.objectContaining({ user_id: owner.id, owner: true })]);
    expect(roomsOf(account.id).map((r) => [r.room_metadata.subsync_room_key, r.room_name, r.is_public]).sort()).toEqual([
      ['board', 'Совет директоров', false],
      ['main', 'Переговорная', false],
      ['webinar', 'Вебинар', true],
    ]);
    expect(w.slot(created.subscriber, 'video-rooms')).toMatchObject({ platform: 'video-resell', attached: true, summary: 'active, meet-pro, 3 rooms', detail: { accountId: account.id, package: 'meet-pro', owner: 'olga@example.ru' } });

    await w.block(vgid);
    await w.send(vgid, 'block', { reason: 'manager' });
    expect(accountOf(vgid)?.status).toBe('suspended');
    await w.unblock(vgid);
    await w.send(vgid, 'unblock');
    expect(accountOf(vgid)?.status).toBe('active');
    expect(roomsOf(account.id)).toHaveLength(3);

    await w.switchOff(vgid);
    const disabled = await w.send(vgid, 'disable');
    expect(accountOf(vgid)).toBeUndefined();
    expect(roomsOf(account.id)).toEqual([]);
    // subsync created the customer and it has nothing left: it goes too.
    expect(customerOf('olga@example.ru')).toBeUndefined();
    expect(w.slot(disabled.subscriber, 'video-rooms')).toMatchObject({ attached: false });
  });

  it('names an organisation by its name, and leaves a customer it did not create when removing the account', async () => {
    stack.video.seed({ customers: [{ email: 'office@kvant.example', first_name: 'Иван', last_name: 'Иванов', customer_type: 'business', company_name: 'ООО Квант', country: 'RU', currency: 'RUB' }] });
    const { agrmid } = await w.holder('ООО Квант', { type: 1, email: 'office@kvant.example' });
    const { vgid, servid } = await w.account(agrmid, VIDEO_ROOMS_TARIFFS.basic, VIDEO_ROOMS_CATEGORY);
    await w.send(vgid, 'create');
    expect(roomsOf(accountOf(vgid)!.id)).toHaveLength(1);
    expect(customerOf('office@kvant.example')?.customer_metadata.managed_by).toBeUndefined();

    // The service ends in billing: the account goes, the customer that existed before stays.
    await w.endService(servid);
    await w.send(vgid, 'service.disable', { service: 'video-rooms' });
    expect(accountOf(vgid)).toBeUndefined();
    expect(customerOf('office@kvant.example')).toBeDefined();
  });

  it('parks an account whose holder has no e-mail until billing has one, then an operator retry creates it', async () => {
    const { uid, agrmid } = await w.holder('Безадресный Пётр');
    const { vgid } = await w.account(agrmid, VIDEO_ROOMS_TARIFFS.basic, VIDEO_ROOMS_CATEGORY);
    const parked = await w.send(vgid, 'create');
    expect(parked.status).toBe('parked');
    expect(parked.subscriber?.parked).toMatchObject({ errorType: 'MissingEmail', reason: expect.stringContaining('has no e-mail') });
    expect(accountOf(vgid)).toBeUndefined();

    await insupdAccount(w.lb.client, { uid, type: 2, name: 'Безадресный Пётр', email: 'petr@example.ru' });
    await w.api.resolveParked('lanbilling', vgid, { action: 'retry', by: 'test' });
    await eventually(() => accountOf(vgid)?.status === 'active');
    expect(customerOf('petr@example.ru')).toBeDefined();
  });
});
