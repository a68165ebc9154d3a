import type { License, Ticket } from '../../connectors/licensing/port';
import type { DesiredLicense } from './plan';
import { describeLicenseStep, ticketSteps } from './steps';
import { licenseSummary } from './view';

const OFFICE = { firmCode: 6000010, productCode: 301 };
const AV = { firmCode: 6000010, productCode: 302 };
const desired = (over: Partial<DesiredLicense> = {}): DesiredLicense => ({
  slot: 'license:sw',
  service: 'sw',
  platform: 'lc',
  orderNumber: 'lanbilling:100:sw',
  customer: 'lanbilling:100',
  present: true,
  untouched: false,
  unmappedPlans: [],
  items: [{ ...OFFICE, quantity: 2 }],
  ticketStatus: 'active',
  writeBack: { field: 'license_ticket', externalId: '5000', current: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' },
  ...over,
});
let n = 1000000;
const license = (item: typeof OFFICE, status: License['status'] = 'available', lineId = `${item.firmCode}-${item.productCode}`, name = item === OFFICE ? 'Office' : 'Antivirus'): License => ({
  licenseNumber: String(++n),
  ticket: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE',
  orderNumber: 'lanbilling:100:sw',
  lineId,
  item,
  itemName: name,
  status,
  suspended: false,
});
const ticket = (licenses: License[], status: Ticket['status'] = 'active'): Ticket => ({ ticket: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', orderNumber: 'lanbilling:100:sw', status, createdAt: '2026-01-01T00:00:00Z', licenses });
const ops = (steps: ReturnType<typeof ticketSteps>) => steps.map(describeLicenseStep);

describe('ticketSteps', () => {
  beforeEach(() => (n = 1000000));

  it('orders a new ticket with one position per item, then writes its number back', () => {
    const steps = ticketSteps(desired({ writeBack: { field: 'license_ticket', externalId: '5000' } }), null);
    expect(steps).toEqual([
      expect.objectContaining({ op: 'license.order', orderNumber: 'lanbilling:100:sw', customer: 'lanbilling:100', lines: [{ ...OFFICE, lineId: '6000010-301', quantity: 2, adding: 2 }] }),
      expect.objectContaining({ op: 'license.writeBack', field: 'license_ticket', externalId: '5000' }),
    ]);
  });

  it('does nothing when the ticket holds what billing sells and billing has its number', () => {
    expect(ticketSteps(desired(), ticket([license(OFFICE), license(OFFICE, 'activated')]))).toEqual([]);
  });

  it('writes the number back when billing holds another one', () => {
    expect(ops(ticketSteps(desired({ writeBack: { field: 'license_ticket', externalId: '5000', current: 'old' } }), ticket([license(OFFICE), license(OFFICE)])))).toEqual(['license.writeBack license_ticket']);
  });

  it('re-orders withdrawn licenses on the same position with its new total, so the order is recognised if sent again', () => {
    const t = ticket([license(OFFICE, 'withdrawn'), license(OFFICE, 'withdrawn')]);
    const [order] = ticketSteps(desired(), t);
    expect(order).toMatchObject({ op: 'license.order', lines: [{ ...OFFICE, lineId: '6000010-301', quantity: 4, adding: 2 }] });
  });

  it('on a plan change orders the new item and withdraws what is no longer sold, free licenses first', () => {
    const t = ticket([license(OFFICE, 'activated'), license(OFFICE), license(OFFICE), license(AV, 'activated')]);
    const steps = ticketSteps(desired({ items: [{ ...OFFICE, quantity: 1 }, { firmCode: 6000010, productCode: 303, quantity: 1 }] }), t);
    expect(ops(steps)).toEqual(['license.order 6000010/303 +1', 'license.withdraw 1000002, 1000003, 1000004']);
  });

  it('counts licenses of an item on any position (a ticket made elsewhere) but extends only its own position', () => {
    const t = ticket([license(OFFICE, 'activated', '1')]);
    expect(ticketSteps(desired(), t)[0]).toMatchObject({ lines: [{ lineId: '6000010-301', quantity: 1, adding: 1 }] });
  });

  it('suspends and resumes the ticket as billing blocks and unblocks', () => {
    const held = [license(OFFICE), license(OFFICE)];
    expect(ops(ticketSteps(desired({ ticketStatus: 'suspended' }), ticket(held)))).toEqual(['license.suspend']);
    expect(ops(ticketSteps(desired({ ticketStatus: 'suspended' }), ticket(held, 'suspended')))).toEqual([]);
    expect(ops(ticketSteps(desired(), ticket(held, 'suspended')))).toEqual(['license.resume']);
    // A new subscriber who is already blocked: order, then suspend the new ticket.
    expect(ops(ticketSteps(desired({ ticketStatus: 'suspended', writeBack: undefined }), null))).toEqual(['license.order 6000010/301 +2', 'license.suspend']);
  });

  it('withdraws every live license when billing disables, and nothing when nothing was ordered', () => {
    const gone = desired({ present: false, items: [], ticketStatus: undefined, writeBack: undefined });
    const t = ticket([license(OFFICE, 'activated'), license(OFFICE, 'withdrawn'), license(AV, 'withdrawal_pending'), license(AV)]);
    expect(ops(ticketSteps(gone, t))).toEqual(['license.withdraw 1000001, 1000004']);
    expect(ticketSteps(gone, null)).toEqual([]);
    // Suspend-on-disable keeps the licenses and suspends the ticket.
    expect(ops(ticketSteps(desired({ present: false, items: undefined, ticketStatus: 'suspended', writeBack: undefined }), t))).toEqual(['license.suspend']);
  });
});

describe('licenseSummary', () => {
  it('names the status, the ticket, the live licenses per item and how many were withdrawn', () => {
    n = 1000000;
    const t = ticket([license(OFFICE, 'activated'), license(OFFICE), license(AV), license(AV, 'withdrawn')], 'suspended');
    expect(licenseSummary(t)).toBe('suspended, ticket AAAAA-BBBBB-CCCCC-DDDDD-EEEEE: Office ×2 (1 activated), Antivirus ×1; 1 withdrawn');
    expect(licenseSummary(ticket([license(OFFICE, 'withdrawn')]))).toBe('active, ticket AAAAA-BBBBB-CCCCC-DDDDD-EEEEE: no licenses; 1 withdrawn');
  });
});
