import { InvalidEventError } from '../../client/ts';
import { httpRequest } from '../client/support/http';
import { runSubsync } from '../support/cli';
import { startTestStack, TestStack } from '../support/stack';
import { IntercomWorld } from '../support/intercom-world';

/**
 * Bad input from billing gets a clear 400 naming the wrong field, and nothing happens: no
 * workflow is started, nothing is recorded as received, the platform is never called.
 */
describe('bad events', () => {
  let stack: TestStack;
  let w: IntercomWorld;
  /** A real, active LANBilling account that no event has reached yet: a wrongly accepted event would act on it. */
  let account: string;

  beforeAll(async () => {
    stack = await startTestStack({}, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
    const { agrmid } = await w.lb.createCustomer('Нетронутый', 1000);
    account = await w.lb.createAccount(agrmid, '79400000001', 'кв. 1');
    await w.lb.activate(account);
    await w.lb.addIntercom(account);
  });
  afterAll(() => stack?.stop());

  /** Asserts that nothing at all came of the request. */
  async function expectNothingHappened(platformRequestsBefore: number, eventId?: string) {
    expect(await w.api.getSubscriber('lanbilling', account)).toBeNull();
    expect(await w.api.getSubscriber('nosuch', account)).toBeNull();
    if (eventId) expect(await stack.app.store.getInbox(eventId)).toBeNull();
    expect(stack.intercom.faults.requests).toHaveLength(platformRequestsBefore);
    expect(stack.intercom.state()).toEqual({ profiles: [], events: [] });
  }

  const json = (body: Record<string, unknown>) => ({ payload: body });
  it.each([
    ['a missing id', json({ billing: 'lanbilling', account: 'A', type: 'block' }), 'id', /required|expected string/i],
    ['an unknown type', json({ id: 'bad-type', billing: 'lanbilling', account: 'A', type: 'explode' }), 'type', /Expected 'create' \| 'link'/],
    ['a negative amount', json({ id: 'bad-amount', billing: 'lanbilling', account: 'A', type: 'payment', amount: -150 }), 'amount', />0|positive|too small/i],
    ['an unknown billing system', json({ id: 'bad-billing', billing: 'nosuch', account: 'A', type: 'block' }), 'billing', /no billing system named "nosuch"/],
    ['a body that is not JSON (Content-Type)', { payload: 'id=x&type=block', headers: { 'content-type': 'text/plain' } }, '(body)', /Content-Type "text\/plain"/],
    ['invalid JSON', { payload: '{"id": "bad-json", "type": ', headers: { 'content-type': 'application/json' } }, '(body)', /not valid JSON/],
  ])('refuses %s with 400 naming the field, and applies nothing', async (_what, request, field, message) => {
    const payload: string | Record<string, unknown> = typeof request.payload === 'string' ? request.payload : { ...request.payload, account };
    const platformRequestsBefore = stack.intercom.faults.requests.length;

    const res = await httpRequest(stack.app.apiUrl, { method: 'POST', url: '/v1/events', payload, headers: 'headers' in request ? request.headers : undefined });

    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('invalid_event');
    expect(body.issues).toEqual(expect.arrayContaining([{ path: field, message: expect.stringMatching(message) }]));
    await expectNothingHappened(platformRequestsBefore, typeof payload === 'object' ? (payload.id as string | undefined) : undefined);
  });

  it('throws InvalidEventError with the issues from the TypeScript client', async () => {
    const error = await w.api.submitEvent({ id: 'bad-many', billing: 'lanbilling', account, type: 'payment', amount: 0, occurredAt: 'yesterday' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues.map((i) => i.path).sort()).toEqual(['amount', 'occurredAt']);
    await expectNothingHappened(stack.intercom.faults.requests.length, 'bad-many');
  });

  it('makes the CLI exit 2 naming the field on stderr', async () => {
    const [amount, billing] = await Promise.all([
      runSubsync(stack.app.apiUrl, ['event', 'payment', '--billing', 'lanbilling', '--account', account, '--amount', '-5', '--id', 'cli-bad-amount']),
      runSubsync(stack.app.apiUrl, ['event', 'block', '--billing', 'nosuch', '--account', account, '--id', 'cli-bad-billing']),
    ]);

    expect(amount).toMatchObject({ code: 2, stdout: '' });
    expect(amount.stderr).toMatch(/invalid event\n\s+amount: /);
    expect(billing).toMatchObject({ code: 2, stdout: '' });
    expect(billing.stderr).toMatch(/invalid event\n\s+billing: no billing system named "nosuch"/);
    await expectNothingHappened(stack.intercom.faults.requests.length, 'cli-bad-amount');
  });
});
