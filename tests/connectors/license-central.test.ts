import {
  activateLicenses,
  CmLcRefusal,
  confirmReceipt,
  LicenseCentralServer,
  PartialOrderError,
  returnLicenses,
  updateContainer,
} from '../../connectors/license-central';
import { PermanentError, TransientError } from '../../connectors/errors';
import type { Ticket } from '../../connectors/licensing/port';
import { createLicenseCentralSimulator } from '../../simulators/license-central';
import { useSimulator } from '../support/simulator-hooks';
import { APP, ARCHIVE, catalogueSeed, connectTo, DAY_MS, TRIAL, TRIAL_END } from './license-central-support';

const START = Date.parse('2026-03-01T10:00:00.000Z');

describe('License Central connector against the simulator (CmLC-API over SOAP)', () => {
  let clock = START;
  const sim = useSimulator(createLicenseCentralSimulator({ now: () => clock }), { seed: catalogueSeed });
  let server: LicenseCentralServer;

  beforeEach(() => {
    clock = START;
    server = connectTo(sim).server;
  });

  /** The customer's side over the Depot interface: collect the ticket's licenses into a container and confirm the receipt. */
  async function activate(ticket: string, containerSerial: string, licenseNumbers: string[] = []) {
    const counter = sim.store.containers.get(containerSerial)?.firmUpdateCounter ?? 0;
    const update = await activateLicenses(server.client, { ticket, containerSerial, firmUpdateCounter: counter, licenseNumbers });
    return confirmReceipt(server.client, { containerSerial, updateId: update.updateId, firmUpdateCounter: update.firmUpdateCounter });
  }

  async function giveBack(ticket: string, containerSerial: string, licenseNumbers: string[] = []) {
    const counter = sim.store.containers.get(containerSerial)!.firmUpdateCounter;
    const update = await returnLicenses(server.client, { ticket, containerSerial, firmUpdateCounter: counter, licenseNumbers });
    return confirmReceipt(server.client, { containerSerial, updateId: update.updateId, firmUpdateCounter: update.firmUpdateCounter });
  }

  const simTicket = (ticket: string) => sim.state().tickets.find((t) => t.ticket === ticket);

  it('answers health with the credentials it was given', async () => {
    await expect(server.health()).resolves.toBeUndefined();
    expect(sim.exchanges.map((e) => e.operation)).toEqual(['GetServerInfo']);
  });

  it('orders licenses: a ticket with one license per unit, each line of the order under its line id', async () => {
    const ticket = await server.order({
      orderNumber: 'SO-1001',
      customer: { number: 'lanbilling:100', name: 'Иванов Иван' },
      lines: [
        { ...APP, quantity: 2 },
        { ...ARCHIVE, quantity: 1, lineId: 'archive' },
      ],
    });
    expect(ticket.ticket).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
    expect(ticket).toMatchObject({ orderNumber: 'SO-1001', status: 'active', customer: { number: 'lanbilling:100', name: 'Иванов Иван' } });
    expect(ticket.licenses.map((l) => [l.lineId, l.item.productCode, l.status, l.suspended])).toEqual([
      [`${APP.firmCode}-${APP.productCode}`, APP.productCode, 'available', false],
      [`${APP.firmCode}-${APP.productCode}`, APP.productCode, 'available', false],
      ['archive', ARCHIVE.productCode, 'available', false],
    ]);
    expect(new Set(ticket.licenses.map((l) => l.licenseNumber)).size).toBe(3);
    expect(ticket.licenses[0]!.expiresAt).toBeUndefined();
    expect(simTicket(ticket.ticket)?.license).toHaveLength(3);
  });

  it('gives licenses of a fixed-date item their expiry when they are made', async () => {
    const ticket = await server.order({ orderNumber: 'SO-TRIAL', lines: [{ ...TRIAL, quantity: 1 }] });
    expect(ticket.licenses[0]!.expiresAt).toBe(TRIAL_END);
  });

  it('adds to the existing ticket when the same order number comes again with another item', async () => {
    const first = await server.order({ orderNumber: 'SO-2002', lines: [{ ...APP, quantity: 1 }] });
    const second = await server.order({ orderNumber: 'SO-2002', lines: [{ ...ARCHIVE, quantity: 1 }] });
    expect(second.ticket).toBe(first.ticket);
    expect(second.licenses.map((l) => l.item.productCode)).toEqual([APP.productCode, ARCHIVE.productCode]);
    expect(second.licenses[0]!.licenseNumber).toBe(first.licenses[0]!.licenseNumber);
    expect(sim.state().tickets).toHaveLength(1);
  });

  it('orders once when the same order is sent twice: same ticket, same licenses, one order change', async () => {
    const order = { orderNumber: 'SO-3003', lines: [{ ...APP, quantity: 2 }] };
    const first = await server.order(order);
    const again = await server.order(order);
    expect(again.ticket).toBe(first.ticket);
    expect(again.licenses.map((l) => l.licenseNumber)).toEqual(first.licenses.map((l) => l.licenseNumber));
    expect(simTicket(first.ticket)?.license).toHaveLength(2);
    expect(sim.state().changes.filter((c) => c.feed === 'orders')).toHaveLength(1);
  });

  it('adds only the difference when a line comes again with a larger quantity, and refuses a smaller one', async () => {
    await server.order({ orderNumber: 'SO-3004', lines: [{ ...APP, quantity: 1 }] });
    const grown = await server.order({ orderNumber: 'SO-3004', lines: [{ ...APP, quantity: 3 }] });
    expect(grown.licenses).toHaveLength(3);
    const err = await server.order({ orderNumber: 'SO-3004', lines: [{ ...APP, quantity: 2 }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'conflict', code: 'OrderConflict' });
    expect(simTicket(grown.ticket)?.license).toHaveLength(3);
  });

  it('refuses an order with an unknown item as a whole (not_found) and makes nothing', async () => {
    const err = await server.order({ orderNumber: 'SO-4004', lines: [{ ...APP, quantity: 1 }, { firmCode: APP.firmCode, productCode: 999, quantity: 1 }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CmLcRefusal);
    expect(err).toMatchObject({ kind: 'permanent', reason: 'not_found', code: 'UnknownItem', operation: 'PlaceOrder' });
    expect((err as Error).message).toContain('product code 999');
    expect(sim.state().tickets).toEqual([]);
  });

  it('refuses bad input before sending anything, naming the field', async () => {
    const err = await server.order({ orderNumber: 'SO-5005', lines: [{ ...APP, quantity: 0 }] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'permanent', reason: 'validation' });
    expect((err as Error).message).toContain('lines.0.quantity');
    expect(sim.exchanges).toEqual([]);
  });

  it('reads a ticket by ticket number and by order number, and null for one it does not know', async () => {
    const made = await server.order({ orderNumber: 'SO-6006', lines: [{ ...ARCHIVE, quantity: 1 }] });
    await expect(server.readTicket({ ticket: made.ticket })).resolves.toEqual(made);
    await expect(server.readTicket({ orderNumber: 'SO-6006' })).resolves.toEqual(made);
    await expect(server.readTicket({ orderNumber: 'SO-NONE' })).resolves.toBeNull();
    await expect(server.readTicket({ ticket: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' })).resolves.toBeNull();
  });

  describe('partial failure in a multi-item order', () => {
    it('shows what was confirmed and what was not, and the same order again completes it without duplicates', async () => {
      sim.lcFaults.add({ kind: 'partial_order', position: 'archive', times: 1 });
      const order = { orderNumber: 'SO-7007', lines: [{ ...APP, quantity: 2 }, { ...ARCHIVE, quantity: 1, lineId: 'archive' }] };
      const err = await server.order(order).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PartialOrderError);
      expect(err).toBeInstanceOf(TransientError);
      const partial = err as PartialOrderError;
      expect(partial.failed.map((f) => [f.line.lineId, f.code])).toEqual([['archive', 'InternalError']]);
      expect(partial.ticket.licenses.map((l) => l.item.productCode)).toEqual([APP.productCode, APP.productCode]);
      expect(simTicket(partial.ticket.ticket)?.license).toHaveLength(2);

      const completed = await server.order(order);
      expect(completed.ticket).toBe(partial.ticket.ticket);
      expect(completed.licenses.map((l) => l.item.productCode)).toEqual([APP.productCode, APP.productCode, ARCHIVE.productCode]);
      expect(completed.licenses.slice(0, 2).map((l) => l.licenseNumber)).toEqual(partial.ticket.licenses.map((l) => l.licenseNumber));
      expect(simTicket(completed.ticket)?.license).toHaveLength(3);
    });
  });

  describe('activation (Depot interface, the customer side)', () => {
    let ticket: Ticket;
    beforeEach(async () => {
      ticket = await server.order({ orderNumber: 'SO-8008', lines: [{ ...APP, quantity: 1 }] });
    });

    it('computes the expiry from the first activation, and keeps it when the license moves to another container', async () => {
      clock = START + 5 * DAY_MS;
      const receipt = await activate(ticket.ticket, '130-1234567');
      expect(receipt.license[0]).toMatchObject({ state: 'Collected', containerSerial: '130-1234567' });
      const activated = (await server.readTicket({ ticket: ticket.ticket }))!.licenses[0]!;
      expect(activated).toMatchObject({ status: 'activated', containerSerial: '130-1234567', firstActivatedAt: new Date(clock).toISOString() });
      expect(activated.expiresAt).toBe(new Date(START + 35 * DAY_MS).toISOString());

      clock = START + 10 * DAY_MS;
      await giveBack(ticket.ticket, '130-1234567');
      const returned = (await server.readTicket({ ticket: ticket.ticket }))!.licenses[0]!;
      expect(returned.status).toBe('available');
      expect(returned.containerSerial).toBeUndefined();

      clock = START + 12 * DAY_MS;
      await activate(ticket.ticket, '130-7654321');
      const moved = (await server.readTicket({ ticket: ticket.ticket }))!.licenses[0]!;
      expect(moved).toMatchObject({ status: 'activated', containerSerial: '130-7654321', firstActivatedAt: new Date(START + 5 * DAY_MS).toISOString() });
      expect(moved.expiresAt).toBe(activated.expiresAt);
    });

    it('shows an update waiting for its receipt as activation_pending', async () => {
      await activateLicenses(server.client, { ticket: ticket.ticket, containerSerial: '130-1111111', firmUpdateCounter: 0 });
      expect((await server.readTicket({ ticket: ticket.ticket }))!.licenses[0]).toMatchObject({ status: 'activation_pending', containerSerial: '130-1111111' });
    });

    it('refuses a receipt from another container, or at another Firm Update Counter (container serial mismatch)', async () => {
      const update = await activateLicenses(server.client, { ticket: ticket.ticket, containerSerial: '130-1234567', firmUpdateCounter: 4 });
      expect(update.firmUpdateCounter).toBe(5);
      const wrongSerial = await confirmReceipt(server.client, { containerSerial: '130-9999999', updateId: update.updateId, firmUpdateCounter: 5 }).catch((e: unknown) => e);
      expect(wrongSerial).toMatchObject({ kind: 'permanent', reason: 'rejected', code: 'ContainerMismatch' });
      const wrongCounter = await confirmReceipt(server.client, { containerSerial: '130-1234567', updateId: update.updateId, firmUpdateCounter: 4 }).catch((e: unknown) => e);
      expect(wrongCounter).toMatchObject({ reason: 'rejected', code: 'ContainerMismatch' });
      expect((await server.readTicket({ ticket: ticket.ticket }))!.licenses[0]!.status).toBe('activation_pending');
      await expect(confirmReceipt(server.client, { containerSerial: '130-1234567', updateId: update.updateId, firmUpdateCounter: 5 })).resolves.toMatchObject({ updateId: update.updateId });
    });

    it('refuses a container whose state does not match License Central\'s record ("manipulation detected")', async () => {
      await activate(ticket.ticket, '130-1234567');
      const other = await server.order({ orderNumber: 'SO-8009', lines: [{ ...ARCHIVE, quantity: 1 }] });
      const err = await activateLicenses(server.client, { ticket: other.ticket, containerSerial: '130-1234567', firmUpdateCounter: 0 }).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'permanent', reason: 'rejected', code: 'ContainerMismatch' });
      expect((err as Error).message).toContain('Manipulation detected');
    });

    it('refuses to activate a ticket whose licenses are all activated already (conflict)', async () => {
      await activate(ticket.ticket, '130-1234567');
      const err = await activateLicenses(server.client, { ticket: ticket.ticket, containerSerial: '130-2222222', firmUpdateCounter: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CmLcRefusal);
      expect(err).toMatchObject({ reason: 'conflict', code: 'LicenseAlreadyActivated' });
    });
  });

  describe('blocking and disabling', () => {
    it('suspends a ticket (by order number) so its licenses cannot be collected, and resumes it; repeats change nothing', async () => {
      const made = await server.order({ orderNumber: 'SO-9009', lines: [{ ...APP, quantity: 1 }] });
      const suspended = await server.suspend({ orderNumber: 'SO-9009' });
      expect(suspended.status).toBe('suspended');
      expect(suspended.licenses.every((l) => l.suspended)).toBe(true);
      const changesAfterFirst = sim.state().changes.length;
      await server.suspend({ ticket: made.ticket });
      expect(sim.state().changes).toHaveLength(changesAfterFirst);

      const refused = await activateLicenses(server.client, { ticket: made.ticket, containerSerial: '130-1234567', firmUpdateCounter: 0 }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ reason: 'rejected', code: 'TicketDisabled' });

      const resumed = await server.resume({ ticket: made.ticket });
      expect(resumed.status).toBe('active');
      expect(resumed.licenses.every((l) => !l.suspended)).toBe(true);
      await expect(activateLicenses(server.client, { ticket: made.ticket, containerSerial: '130-1234567', firmUpdateCounter: 0 })).resolves.toMatchObject({ containerSerial: '130-1234567' });
    });

    it('says not_found when suspending an order License Central does not know', async () => {
      await expect(server.suspend({ orderNumber: 'SO-NONE' })).rejects.toMatchObject({ kind: 'permanent', reason: 'not_found' });
    });

    it('withdraws a ticket: free licenses at once, activated ones at the container\'s next update', async () => {
      const made = await server.order({ orderNumber: 'SO-1010', lines: [{ ...APP, quantity: 1 }, { ...ARCHIVE, quantity: 1 }] });
      await activate(made.ticket, '130-1234567', [made.licenses[0]!.licenseNumber]);

      const withdrawn = await server.withdraw({ ticket: made.ticket });
      expect(withdrawn.licenses.map((l) => [l.item.productCode, l.status])).toEqual([
        [APP.productCode, 'withdrawal_pending'],
        [ARCHIVE.productCode, 'withdrawn'],
      ]);
      await expect(server.withdraw({ ticket: made.ticket })).resolves.toEqual(withdrawn);

      const counter = sim.store.containers.get('130-1234567')!.firmUpdateCounter;
      const update = await updateContainer(server.client, { containerSerial: '130-1234567', firmUpdateCounter: counter });
      expect(update?.license.map((l) => l.licenseNumber)).toEqual([made.licenses[0]!.licenseNumber]);
      await confirmReceipt(server.client, { containerSerial: '130-1234567', updateId: update!.updateId, firmUpdateCounter: update!.firmUpdateCounter });
      const after = (await server.readTicket({ ticket: made.ticket }))!;
      expect(after.licenses.map((l) => l.status)).toEqual(['withdrawn', 'withdrawn']);
      expect(after.licenses[0]!.containerSerial).toBeUndefined();
      await expect(updateContainer(server.client, { containerSerial: '130-1234567', firmUpdateCounter: update!.firmUpdateCounter })).resolves.toBeUndefined();
    });
  });
});
