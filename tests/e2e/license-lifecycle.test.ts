import { runSubsync } from '../support/cli';
import { eventually } from '../support/stack';
import { ANTIVIRUS, FIRM, LicenseStack, LicenseWorld, OFFICE, SERVICE, SLOT, startLicenseStack, tariffs, TICKET_FIELD, UNKNOWN_ITEM_TARIFF, UNKNOWN_PRODUCT, UNMAPPED_TARIFF } from '../support/license-world';

/**
 * Software licenses end to end: a LANBilling manager sells a license tariff over SOAP, billing's
 * hook sends the event through subsync's HTTP API, and CodeMeter License Central (SOAP simulator)
 * ends up holding the tariff's licenses on one ticket whose number billing gets back.
 */
describe('software licenses: LANBilling → subsync → License Central', () => {
  let stack: LicenseStack;
  let w: LicenseWorld;

  beforeAll(async () => {
    stack = await startLicenseStack();
    w = new LicenseWorld(stack);
  });
  afterEach(async () => {
    await stack.lc.faults.clear();
    stack.lc.lcFaults.clear();
  });
  afterAll(() => stack?.stop());

  it('orders on enable and writes the ticket back; suspends on block, resumes on unblock, follows plan changes, withdraws on disable', async () => {
    const acc = await w.customer('79200000001');
    const servid = await w.sell(acc, tariffs.office);

    // enable → the tariff's item ordered on one ticket named after subscriber and service; billing gets the number
    const enabled = await w.send(acc, 'service.enable', { service: SERVICE });
    expect(enabled.status).toBe('applied');
    const ticket = w.ticket(acc)!;
    expect(ticket).toMatchObject({ orderNumber: `lanbilling:${acc}:${SERVICE}`, state: 'Enabled', customer: { customerNumber: `lanbilling:${acc}` } });
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['NotCollected'] });
    expect(w.billedTicket(acc)).toBe(ticket.ticket);
    const slot = await w.slot(acc);
    expect(slot).toMatchObject({ service: SERVICE, attached: true, profileId: ticket.ticket, summary: `active, ticket ${ticket.ticket}: Office Suite (365 days) ×1` });
    expect(slot?.detail).toEqual({
      ticket: ticket.ticket,
      orderNumber: `lanbilling:${acc}:${SERVICE}`,
      status: 'active',
      licenses: [{ licenseNumber: ticket.license[0]!.licenseNumber, item: OFFICE, itemName: 'Office Suite (365 days)', status: 'available' }],
    });
    expect((await w.view(acc)).links).toContainEqual(expect.objectContaining({ platform: SLOT, login: `lanbilling:${acc}`, profileId: ticket.ticket }));

    // the same event again is a duplicate; the same change reported again (another id) orders nothing
    expect((await w.send(acc, 'service.enable', { service: SERVICE }, { id: enabled.eventId })).outcome).toBe('duplicate');
    await w.send(acc, 'service.enable', { service: SERVICE });
    expect(w.tickets(acc)).toHaveLength(1);
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['NotCollected'] });
    expect(w.orderChanges(acc)).toEqual(['OrderCreated']);

    // the customer collects the license: the next command records the activation and its expiry
    stack.lc.portal.activate({ ticket: ticket.ticket, containerSerial: '130-2000001' });
    await w.send(acc, 'sync');
    const activated = (await w.slot(acc))!;
    expect(activated.summary).toBe(`active, ticket ${ticket.ticket}: Office Suite (365 days) ×1 (1 activated)`);
    expect((activated.detail as { licenses: unknown[] }).licenses).toEqual([
      expect.objectContaining({ status: 'activated', containerSerial: '130-2000001', expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
    ]);

    // block → the ticket is suspended (policy "suspend"); unblock → resumed
    await w.lb.block(acc);
    await w.send(acc, 'block', { reason: 'manager' });
    expect(w.ticket(acc)).toMatchObject({ state: 'Disabled' });
    expect(w.ticket(acc)!.license.every((l) => l.disabled)).toBe(true);
    expect((await w.slot(acc))?.summary).toMatch(/^suspended, /);
    await w.lb.unblock(acc);
    await w.send(acc, 'unblock');
    expect(w.ticket(acc)).toMatchObject({ state: 'Enabled' });
    expect(w.ticket(acc)!.license.some((l) => l.disabled)).toBe(false);

    // plan change to "Office + antivirus" → the antivirus is ordered on the same ticket; back → it is withdrawn
    await w.changeTariff(acc, servid, tariffs.officeSecurity);
    await w.send(acc, 'plan.change', { subscription: String(servid), plan: String(tariffs.officeSecurity) });
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['Collected'], [ANTIVIRUS]: ['NotCollected'] });
    expect(w.tickets(acc).map((t) => t.ticket)).toEqual([ticket.ticket]);
    await w.changeTariff(acc, servid, tariffs.office);
    await w.send(acc, 'plan.change', { subscription: String(servid), plan: String(tariffs.office) });
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['Collected'], [ANTIVIRUS]: ['Withdrawn'] });

    // disable the service → its licenses are withdrawn; the activated one leaves its container at the next update
    await w.endService(servid);
    await w.send(acc, 'service.disable', { service: SERVICE });
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['WithdrawalPending'], [ANTIVIRUS]: ['Withdrawn'] });
    expect(await w.slot(acc)).toMatchObject({ attached: false, summary: `active, ticket ${ticket.ticket}: no licenses; 2 withdrawn` });
    stack.lc.portal.updateContainer('130-2000001');
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['Withdrawn'], [ANTIVIRUS]: ['Withdrawn'] });

    // sold again → a fresh license on the same ticket (the position grows), billing keeps the number
    await w.sell(acc, tariffs.office);
    await w.send(acc, 'service.enable', { service: SERVICE });
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['Withdrawn', 'NotCollected'], [ANTIVIRUS]: ['Withdrawn'] });
    expect(w.tickets(acc)).toHaveLength(1);
    expect(w.billedTicket(acc)).toBe(ticket.ticket);
  });

  it('disabling the whole account withdraws its licenses', async () => {
    const acc = await w.customer('79200000002');
    await w.sell(acc, tariffs.officeSecurity);
    await w.send(acc, 'create');
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['NotCollected'], [ANTIVIRUS]: ['NotCollected'] });
    await w.lb.switchOff(acc);
    const off = await w.send(acc, 'disable');
    expect(off.subscriber?.status).toBe('disabled');
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['Withdrawn'], [ANTIVIRUS]: ['Withdrawn'] });
  });

  it('completes an order License Central confirmed only in part, and one whose answer was lost, without duplicate licenses', async () => {
    // The antivirus line fails after the office one went through: the retry sends the same order and completes it.
    const partial = await w.customer('79200000003');
    await w.sell(partial, tariffs.officeSecurity);
    stack.lc.lcFaults.add({ kind: 'partial_order', times: 1 });
    expect((await w.send(partial, 'create')).status).toBe('applied');
    expect(w.licenses(partial)).toEqual({ [OFFICE]: ['NotCollected'], [ANTIVIRUS]: ['NotCollected'] });
    expect(w.orderChanges(partial)).toEqual(['OrderCreated', 'OrderExtended']);
    expect(w.billedTicket(partial)).toBe(w.ticket(partial)!.ticket);

    // PlaceOrder answers after the client gave up (2 s): License Central made the licenses, subsync saw a timeout.
    const lost = await w.customer('79200000004');
    await w.sell(lost, tariffs.officeSecurity);
    await stack.lc.faults.add({ kind: 'latency', ms: 3000, operation: 'PlaceOrder', times: 1 });
    const sentAt = Date.now();
    expect((await w.send(lost, 'create')).status).toBe('applied');
    // Let the slow first call land too (3 s after it was sent): it must find its lines made and add nothing.
    await new Promise((r) => setTimeout(r, Math.max(0, sentAt + 4000 - Date.now())));
    expect(w.tickets(lost)).toHaveLength(1);
    expect(w.licenses(lost)).toEqual({ [OFFICE]: ['NotCollected'], [ANTIVIRUS]: ['NotCollected'] });
    expect(w.billedTicket(lost)).toBe(w.ticket(lost)!.ticket);
  });

  it('waits out a License Central outage: the event is accepted, retried with the reason shown, and applied once it is back', async () => {
    const acc = await w.customer('79200000005');
    await w.sell(acc, tariffs.office);
    await stack.lc.faults.add({ kind: 'down' });
    const sent = await w.send(acc, 'create', {}, { wait: false });
    expect(sent.outcome).toBe('accepted');
    const retrying = await eventually(async () => {
      const view = await w.api.getSubscriber('lanbilling', acc);
      return view?.retrying.some((r) => r.attempt >= 2) && view;
    });
    expect(retrying.retrying[0]?.lastFailure).toMatch(/license-central\..*ECONNREFUSED/);
    expect(retrying.parked).toBeUndefined();
    expect(w.tickets(acc)).toEqual([]);
    expect(w.billedTicket(acc)).toBeUndefined();

    await stack.lc.faults.clear();
    await eventually(async () => (await w.view(acc)).recent.some((r) => r.id === sent.eventId && r.outcome === 'applied'), 30_000);
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['NotCollected'] });
    expect(w.billedTicket(acc)).toBe(w.ticket(acc)!.ticket);
  });

  it('parks a refused order with a reason that says what to fix, and goes on after the operator fixes it and retries', async () => {
    const acc = await w.customer('79200000006');
    await w.sell(acc, UNKNOWN_ITEM_TARIFF);
    const res = await w.send(acc, 'create');
    expect(res.status).toBe('parked');
    const parked = (await w.view(acc)).parked!;
    expect(parked.reason).toMatch(new RegExp(`refused order lanbilling:${acc}:${SERVICE} \\(${FIRM}/${UNKNOWN_PRODUCT}\\).*UnknownItem.*services\\.${SERVICE}`));
    expect(parked.errorType).toBe('Permanent.not_found');
    expect(w.tickets(acc)).toEqual([]);

    // License Central's admin adds the item; the operator retries.
    stack.lc.seed({ items: [{ firmCode: FIRM, productCode: UNKNOWN_PRODUCT, name: 'Late item' }] });
    await w.api.resolveParked('lanbilling', acc, { action: 'retry', by: 'test' });
    await eventually(() => w.ticket(acc));
    expect(w.licenses(acc)).toEqual({ [`${FIRM}/${UNKNOWN_PRODUCT}`]: ['NotCollected'] });
    await eventually(async () => (await w.view(acc)).parked === undefined);
  });

  it('parks a tariff the configuration does not map, naming the tariff', async () => {
    const acc = await w.customer('79200000007');
    await w.sell(acc, UNMAPPED_TARIFF);
    expect((await w.send(acc, 'create')).status).toBe('parked');
    expect((await w.view(acc)).parked?.reason).toMatch(new RegExp(`plan ${UNMAPPED_TARIFF}, which services\\.${SERVICE}\\.itemsByPlan does not map`));
    expect(w.tickets(acc)).toEqual([]);
  });

  it('reconcile reports drift between billing and License Central, repair fixes it, and the next run finds none', async () => {
    const acc = await w.customer('79200000008');
    const servid = await w.sell(acc, tariffs.office);
    await w.send(acc, 'create');
    const { ticket } = w.ticket(acc)!;
    const dryRun = async () => (await w.api.reconcile({ billing: 'lanbilling', account: acc, repair: false }, { wait: true, timeoutMs: 60_000 })).summary!;

    expect((await dryRun()).drift).toEqual([]);

    // Behind subsync's back: billing moves the service to another tariff and loses the ticket number;
    // on License Central the office license is withdrawn and the ticket suspended.
    await w.changeTariff(acc, servid, tariffs.officeSecurity);
    await w.setBilledTicket(acc, '');
    const office = w.ticket(acc)!.license[0]!.licenseNumber;
    stack.lc.store.withdraw(ticket, [office]);
    stack.lc.store.setDisabled(ticket, true);

    const drift = await dryRun();
    expect(drift).toMatchObject({ checked: 1, drifted: 1, repairsRequested: 0 });
    expect(drift.drift).toEqual([
      { account: acc, platform: 'license-central', subscription: String(servid), steps: [`license.order ${OFFICE} +1, ${ANTIVIRUS} +1`, 'license.resume', `license.writeBack ${TICKET_FIELD}`] },
    ]);
    // A dry run changes nothing.
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['Withdrawn'] });
    // The operator's CLI prints the same, like every other kind's drift.
    const printed = await runSubsync(stack.app.apiUrl, ['reconcile', 'lanbilling', acc]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(`\n  ${acc} license-central ${servid}: license.order ${OFFICE} +1, ${ANTIVIRUS} +1, license.resume, license.writeBack ${TICKET_FIELD}\n`);

    const repair = await w.api.reconcile({ billing: 'lanbilling', account: acc, repair: true }, { wait: true, timeoutMs: 60_000 });
    expect(repair.summary).toMatchObject({ drifted: 1, repairsRequested: 1 });
    await eventually(async () => (await w.view(acc)).recent.some((r) => r.type === 'sync' && r.outcome === 'applied'), 30_000);
    expect(w.licenses(acc)).toEqual({ [OFFICE]: ['Withdrawn', 'NotCollected'], [ANTIVIRUS]: ['NotCollected'] });
    expect(w.ticket(acc)).toMatchObject({ ticket, state: 'Enabled' });
    expect(w.billedTicket(acc)).toBe(ticket);
    expect((await dryRun()).drift).toEqual([]);
    const status = await runSubsync(stack.app.apiUrl, ['status', 'lanbilling', acc]);
    expect(status.stdout).toMatch(new RegExp(`license-central +${SERVICE} +yes +lanbilling:${acc} +${ticket} +active, ticket ${ticket}: Office Suite \\(365 days\\) ×1, Antivirus ×1; 1 withdrawn`));
  });
});
