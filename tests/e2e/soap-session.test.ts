import { startTestStack, TestStack } from '../support/stack';
import { FULL, IntercomWorld } from '../support/intercom-world';

/**
 * LANBilling drops manager sessions (idle timeout, a core restart): the connector's next call
 * gets "Session expired or not authorized", logs in again once and carries on, so the
 * lifecycle never notices.
 */
describe('a LANBilling SOAP session that expires mid-lifecycle', () => {
  let stack: TestStack;
  let w: IntercomWorld;

  beforeAll(async () => {
    stack = await startTestStack({}, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
  });
  afterAll(() => stack?.stop());

  /** Sends the event right after LANBilling forgot every session; returns the SOAP calls it took. */
  async function sendAfterExpiry(account: string, type: string, extra: Record<string, unknown> = {}) {
    const loginsBefore = stack.lanbilling.state().logins;
    const since = Date.now();
    stack.lanbilling.expireSessions();
    const res = await w.send(account, type, extra);
    const calls = stack.lanbilling.faults.requests.filter((r) => r.at >= since).map((r) => r.operation);
    return { res, calls, newLogins: stack.lanbilling.state().logins - loginsBefore };
  }

  it('logs in again once and applies the next event, each time the session expires', async () => {
    const { account } = await w.onboard('79300000001');

    // The manager acts first, so that only subsync's connector meets the expired session.
    await w.lb.block(account);
    const blocked = await sendAfterExpiry(account, 'block', { reason: 'manager' });

    expect(blocked.res).toMatchObject({ status: 'applied', subscriber: { status: 'blocked', blockReason: 'manager' } });
    expect(blocked.newLogins).toBe(1);
    // The first call was refused (expired), then Login, then the same call again.
    const [refused, login, repeated] = blocked.calls;
    expect([login, repeated]).toEqual(['Login', refused]);
    expect(blocked.calls.filter((c) => c === 'Login')).toHaveLength(1);
    expect(w.caps('79300000001', account)).toEqual(['door_key']);

    await w.lb.unblock(account);
    const unblocked = await sendAfterExpiry(account, 'unblock');

    expect(unblocked.res).toMatchObject({ status: 'applied', subscriber: { status: 'active' } });
    expect(unblocked.newLogins).toBe(1);
    expect(w.caps('79300000001', account)).toEqual(FULL);
    expect((await w.api.getSubscriber('lanbilling', account))?.parked).toBeUndefined();
  });
});
