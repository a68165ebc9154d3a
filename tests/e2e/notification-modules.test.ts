import { licenseServerPort } from '../../connectors/licensing/port';
import type { ReceivedWebhook } from '../../simulators/webhook-receiver';
import { ITEMS, NotificationTestStack, startNotificationStack } from '../support/notification-stack';
import { eventually } from '../support/stack';

/**
 * The modules and the activation detail modes, each on its own stack (a mode is a config
 * setting). Pages of two changes, so a transaction of three licenses spans pages.
 *
 * The activation story, while the receiver is down: a ticket's three licenses are activated
 * into container 130-1 in one transaction; one of them is returned; it is activated again into
 * container 130-2. Then the receiver comes back.
 */
async function activationStory(stack: NotificationTestStack): Promise<{ ticket: string; licenses: string[] }> {
  const lc = stack.licenseCentral;
  lc.seed({ items: ITEMS, tickets: [{ orderNumber: 'ERP-500', lines: [{ position: '1', firmCode: 6000010, productCode: 201, quantity: 3 }] }] });
  const ticket = lc.state().tickets[0]!.ticket;
  const licenses = lc.state().tickets[0]!.license.map((l) => l.licenseNumber);
  await stack.receivers.hooks!.faults.add({ kind: 'down' });
  lc.portal.activate({ ticket, containerSerial: '130-1' });
  lc.portal.returnLicenses({ ticket, containerSerial: '130-1', licenseNumbers: [licenses[0]!] });
  lc.portal.activate({ ticket, containerSerial: '130-2', licenseNumbers: [licenses[0]!] });
  const activations = lc.state().changes.filter((c) => c.feed === 'activations').length;
  expect(activations).toBe(5);
  // Everything is in the store (the cursor is past the last activation) before the receiver is back.
  const last = String(Math.max(...lc.state().changes.filter((c) => c.feed === 'activations').map((c) => c.sequence)));
  await eventually(async () => (await stack.app.store.outbox.cursor('license-central', 'activations')) === last, 30_000);
  await stack.receivers.hooks!.faults.clear();
  return { ticket, licenses };
}

const activationsOnly = (detail: string) => ({ pageSize: 2, modules: { orders: { enabled: false }, licenses: { enabled: false }, activations: { enabled: true, detail } } });

async function settled(stack: NotificationTestStack): Promise<ReceivedWebhook[]> {
  await eventually(async () => (await stack.app.service.listNotificationEndpoints())[0]!.pending === 0, 30_000);
  const received = stack.receivers.hooks!.received();
  const order = stack.receivers.hooks!.order();
  return order.map((id) => received.find((r) => r.id === id)!);
}

describe('activations, all completed activations: a running log', () => {
  let stack: NotificationTestStack;
  beforeAll(async () => {
    stack = await startNotificationStack({ notifications: activationsOnly('all') });
  });
  afterAll(() => stack?.stop());

  it('reports every license transaction of every license, in order per license, and nothing of the modules switched off', async () => {
    const { licenses } = await activationStory(stack);
    const got = await settled(stack);
    expect(got.every((r) => r.type.startsWith('activation.'))).toBe(true);
    expect(got).toHaveLength(5);
    const first = got.filter((r) => r.data.licenseNumber === licenses[0]);
    expect(first.map((r) => [r.type, r.data.containerSerial])).toEqual([
      ['activation.activated', '130-1'],
      ['activation.returned', '130-1'],
      ['activation.activated', '130-2'],
    ]);
    expect(got.filter((r) => r.data.licenseNumber === licenses[1]).map((r) => r.type)).toEqual(['activation.activated']);
  });
});

describe('activations, one transaction per ticket', () => {
  let stack: NotificationTestStack;
  beforeAll(async () => {
    stack = await startNotificationStack({ notifications: activationsOnly('per_ticket') });
  });
  afterAll(() => stack?.stop());

  it('reports one set of data per license transaction, also when the transaction spans pages', async () => {
    const { ticket, licenses } = await activationStory(stack);
    const got = await settled(stack);
    expect(got.map((r) => [r.type, r.data.containerSerial, r.data.licenseCount])).toEqual([
      ['activation.transaction', '130-1', 3],
      ['activation.transaction', '130-1', 1],
      ['activation.transaction', '130-2', 1],
    ]);
    expect(got.map((r) => (r.data.type as string).replace('activation.', ''))).toEqual(['activated', 'returned', 'activated']);
    expect(got[0]!.data).toMatchObject({ ticket, licenseNumbers: licenses, items: [{ firmCode: 6000010, productCode: 201, count: 3 }] });
    expect(got[1]!.data.licenseNumbers).toEqual([licenses[0]]);
    // Nothing is held back once the feed is read to its end.
    expect(await stack.app.store.outbox.heldChanges('license-central', 'activations')).toEqual([]);
  });
});

describe('activations, current status', () => {
  let stack: NotificationTestStack;
  beforeAll(async () => {
    stack = await startNotificationStack({ notifications: activationsOnly('current_status') });
  });
  afterAll(() => stack?.stop());

  it('reports only the latest state of each license: activated or not, and the CmContainer holding it', async () => {
    const { licenses } = await activationStory(stack);
    const got = await settled(stack);
    expect(got.map((r) => r.type)).toEqual(['activation.status', 'activation.status', 'activation.status']);
    const byLicense = Object.fromEntries(got.map((r) => [r.data.licenseNumber, r.data]));
    expect(byLicense[licenses[0]!]).toMatchObject({ activated: true, status: 'activated', containerSerial: '130-2', lastTransaction: 'activation.activated' });
    expect(byLicense[licenses[1]!]).toMatchObject({ activated: true, containerSerial: '130-1' });
    expect(byLicense[licenses[2]!]).toMatchObject({ activated: true, containerSerial: '130-1' });
    // A return later: the license is in no container, and says so.
    const ticket = stack.licenseCentral.state().tickets[0]!.ticket;
    stack.licenseCentral.portal.returnLicenses({ ticket, containerSerial: '130-1', licenseNumbers: [licenses[1]!] });
    await eventually(() => stack.receivers.hooks!.received().length === 4, 30_000);
    const returned = stack.receivers.hooks!.received()[3]!.data;
    expect(returned).toMatchObject({ licenseNumber: licenses[1], activated: false, status: 'available', lastTransaction: 'activation.returned' });
    expect(returned.containerSerial).toBeUndefined();
  });
});

describe('orders and licenses', () => {
  let stack: NotificationTestStack;
  beforeAll(async () => {
    stack = await startNotificationStack({
      notifications: { pageSize: 2, modules: { orders: { enabled: true }, licenses: { enabled: true, properties: ['licenseNumber', 'firstActivatedAt', 'expiresAt'] }, activations: { enabled: false } } },
    });
  });
  afterAll(() => stack?.stop());

  it('brings orders from every channel together and transmits the chosen license properties, with the expiry the first activation set', async () => {
    const lc = stack.licenseCentral;
    // The ERP's orders (imported) and a web shop's order placed through the Sales interface.
    lc.seed({ items: ITEMS, tickets: [{ orderNumber: 'ERP-1', customer: { customerNumber: 'erp:1' }, lines: [{ position: '1', firmCode: 6000010, productCode: 201, quantity: 1 }] }] });
    const shop = await stack.app.connectors.get(licenseServerPort, 'license-central').order({ orderNumber: 'SHOP-9', customer: { number: 'shop:9', email: 'buyer@example.com' }, lines: [{ firmCode: 6000010, productCode: 202, quantity: 1 }] });
    const erpTicket = lc.state().tickets.find((t) => t.orderNumber === 'ERP-1')!.ticket;
    lc.portal.activate({ ticket: erpTicket, containerSerial: '130-7' });
    await eventually(() => stack.receivers.hooks!.received().length === lc.state().changes.filter((c) => c.feed !== 'activations').length, 30_000);
    const got = await settled(stack);

    const orders = got.filter((r) => r.type.startsWith('order.'));
    expect(orders.map((r) => [r.type, r.data.orderNumber, (r.data.customer as { number: string }).number])).toEqual([
      ['order.created', 'ERP-1', 'erp:1'],
      ['order.created', 'SHOP-9', 'shop:9'],
    ]);
    expect(orders[1]!.data.ticket).toBe(shop.ticket);

    const licenses = got.filter((r) => r.type.startsWith('license.'));
    expect(licenses.map((r) => r.type)).toEqual(['license.created', 'license.created', 'license.updated']);
    // Only the identity and the chosen properties: no status, item or customer.
    for (const l of licenses) expect(Object.keys(l.data).sort()).toEqual(expect.arrayContaining(['at', 'changeId', 'feed', 'licenseNumber', 'orderNumber', 'ticket', 'type']));
    expect(licenses.every((l) => !('status' in l.data) && !('item' in l.data))).toBe(true);
    // The expiry of the 30-day item counts from its first activation.
    const updated = licenses[2]!.data as { firstActivatedAt: string; expiresAt: string };
    expect(Date.parse(updated.expiresAt) - Date.parse(updated.firstActivatedAt)).toBe(30 * 86_400_000);
    expect(licenses[0]!.data.expiresAt).toBeUndefined();
  });
});
