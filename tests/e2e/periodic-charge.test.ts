import { eventually, startTestStack, TestStack } from '../support/stack';
import { FULL, IntercomWorld } from '../support/intercom-world';

const LOGIN = '79600000001';

/**
 * subsync prices the intercom service itself and charges the LANBilling contract every period
 * (3 s here) with an idempotency key per (subscriber, service, period). When the money runs
 * out the account is blocked in billing and on the platform; a payment charges the unpaid
 * period with the same key (so never twice) and lifts the block.
 */
describe('periodic charge', () => {
  let stack: TestStack;
  let w: IntercomWorld;

  beforeAll(async () => {
    stack = await startTestStack({ services: { intercom: { charge: { amount: 150, period: { everySeconds: 3 } } } } }, { onlyStackConnectors: true });
    w = new IntercomWorld(stack);
  });
  afterAll(() => stack?.stop());

  const keyOf = (account: string, period: string) => `lanbilling:${account}:intercom:${period}`;
  const withdrawals = (agrmid: number) => stack.lanbilling.state().payments.filter((p) => p.agrmid === agrmid && p.amount < 0);
  const ledger = async (account: string) => (await w.api.getSubscriber('lanbilling', account))?.ledger ?? [];

  it('charges each period, blocks on insufficient funds, and a payment charges the unpaid period once and unblocks', async () => {
    const { agrmid, account } = await w.onboard(LOGIN, { balance: 200 });

    // First period: charged in the ledger and as a LANBilling withdrawal whose receipt is the key.
    const [first] = await eventually(async () => {
      const l = await ledger(account);
      return l.some((e) => e.status === 'charged') && l;
    });
    expect(first).toMatchObject({ service: 'intercom', amount: '150.00', status: 'charged' });
    const firstPayment = withdrawals(agrmid).find((p) => p.receipt === keyOf(account, first!.period));
    expect(firstPayment).toMatchObject({ amount: -150 });
    expect(first!.chargeId).toBe(String(firstPayment!.recordid));

    // Next period: 50 left → insufficient funds → blocked in LANBilling (code 1) and on the platform.
    const unpaid = await eventually(async () => {
      const view = await w.api.getSubscriber('lanbilling', account);
      // The workflow records the new status once the charge command has finished (every platform confirmed).
      return view?.charges[0]?.unpaid && !view.current && w.caps(LOGIN, account).join() === 'door_key' && view;
    });
    const unpaidPeriod = unpaid.charges[0]!.unpaid!.period;
    expect(unpaidPeriod).not.toBe(first!.period);
    expect(unpaid).toMatchObject({ status: 'blocked', blockReason: 'insufficient_funds' });
    expect(w.vgroup(account)?.blocked).toBe(1);
    expect(unpaid.ledger.find((e) => e.period === unpaidPeriod)).toMatchObject({ status: 'insufficient_funds', chargeId: null });
    expect(withdrawals(agrmid)).toHaveLength(1);
    // While blocked for money no further period is even tried (each try would leave a ledger entry).
    await new Promise((r) => setTimeout(r, 3500));
    expect((await ledger(account)).map((e) => e.period)).toEqual([first!.period, unpaidPeriod]);

    // The subscriber pays in LANBilling; billing's hook reports the payment.
    await w.lb.pay(agrmid, 1000);
    const paid = await w.send(account, 'payment', { amount: 1000 });

    expect(paid).toMatchObject({ status: 'applied', subscriber: { status: 'active' } });
    expect(w.vgroup(account)?.blocked).toBe(0);
    expect(w.caps(LOGIN, account)).toEqual(FULL);
    const recharged = withdrawals(agrmid).filter((p) => p.receipt === keyOf(account, unpaidPeriod));
    expect(recharged).toEqual([expect.objectContaining({ amount: -150 })]);
    expect((await ledger(account)).find((e) => e.period === unpaidPeriod)).toMatchObject({ status: 'charged', chargeId: String(recharged[0]!.recordid) });
    // No period was ever charged twice, and the balance is exactly what was paid minus what was charged.
    const receipts = withdrawals(agrmid).map((p) => p.receipt);
    expect(new Set(receipts).size).toBe(receipts.length);
    const agreement = stack.lanbilling.state().agreements.find((a) => a.agrmid === agrmid)!;
    expect(agreement.balance).toBe(200 + 1000 - 150 * receipts.length);
  });
});
