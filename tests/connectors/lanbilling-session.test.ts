import { getVgroups } from '../../connectors/lanbilling';
import { createLanbillingSimulator, LanbillingSimulator } from '../../simulators/lanbilling';
import { connectTo, householdSeed } from './lanbilling-support';
import { useSimulator } from '../support/simulator-hooks';

describe('LANBilling manager session', () => {
  const sim = useSimulator(createLanbillingSimulator(), { seed: householdSeed });

  it('logs in lazily, once, and keeps the sessnum cookie', async () => {
    const { billing } = connectTo(sim);
    expect(sim.state().logins).toBe(0);
    await billing.getAccount('100');
    await billing.listAccounts();
    expect(sim.state()).toMatchObject({ logins: 1, sessions: 1 });
  });

  it('logs in again and retries once when the billing expired the session, logging it without the cookie', async () => {
    const { billing, logs } = connectTo(sim);
    await billing.health();
    sim.expireSessions();

    await expect(billing.getAccount('100')).resolves.toMatchObject({ accountId: '100' });

    expect(sim.state().logins).toBe(2);
    const relogin = logs.map((line) => JSON.parse(line) as { level: number; msg: string; operation?: string }).find((l) => /session expired/.test(l.msg));
    expect(relogin).toMatchObject({ level: 30, operation: 'getVgroup' });
    expect(logs.join('\n')).not.toMatch(/sessnum|[0-9a-f]{32}/);
  });

  it('expires an idle session after the configured time', async () => {
    let clock = Date.now();
    const idle = createLanbillingSimulator({ sessionIdleMs: 60_000, now: () => clock });
    await idle.start(0);
    try {
      idle.seed(householdSeed);
      const { billing } = connectTo(idle);
      await billing.health();
      clock += 61_000;
      await expect(billing.getAccount('200')).resolves.toMatchObject({ accountId: '200' });
      expect(idle.state().logins).toBe(2);
    } finally {
      await idle.stop();
    }
  });

  it('re-logs in once for many calls that found the session expired together', async () => {
    const { billing } = connectTo(sim);
    await billing.health();
    sim.expireSessions();
    const accounts = await Promise.all(['100', '101', '200', '100', '101'].map((id) => billing.getAccount(id)));
    expect(accounts.map((a) => a.accountId)).toEqual(['100', '101', '200', '100', '101']);
    expect(sim.state().logins).toBe(2);
  });

  it('retries only once: a session refused again right after Login is a permanent auth error', async () => {
    const { billing } = connectTo(sim);
    await billing.health();
    await sim.faults.add({ kind: 'fault', operation: 'getVgroups', code: 'Client', message: 'Session expired or not authorized', times: 2 });
    await expect(getVgroups(billing.client, { vgid: 100 })).rejects.toMatchObject({ kind: 'permanent', reason: 'auth', operation: 'getVgroups' });
    expect(sim.state().logins).toBe(2);
  });

  it('does not retry a refused Login', async () => {
    const { billing } = connectTo(sim, { password: 'not-the-password' });
    const count = (operation: string) => sim.faults.requests.filter((r) => r.operation === operation).length;
    const [loginsBefore, readsBefore] = [count('Login'), count('getVgroups')];
    await expect(billing.getAccount('100')).rejects.toMatchObject({ kind: 'permanent', reason: 'auth', operation: 'Login' });
    expect([count('Login') - loginsBefore, count('getVgroups') - readsBefore]).toEqual([1, 0]);
    expect(sim.state().logins).toBe(0);
  });

  it('logs out', async () => {
    const { billing } = connectTo(sim);
    await billing.health();
    expect(sim.state().sessions).toBe(1);
    await billing.client.logout();
    expect(sim.state().sessions).toBe(0);
  });
});
