import type { Customer, License, LicenseChange, LicenseStatus, OrderLine, Ticket } from '../licensing/port';
import type { ActivationChange } from './operations/get-activation-changes';
import type { LicenseChangeRecord } from './operations/get-license-changes';
import type { OrderChange } from './operations/get-order-changes';
import type { WireLicense, WireLicenseState, WireTicket } from './schemas';

/** License Central's license states (KEYnote 35) in the port's words. A confirmed return is NotCollected again. */
export const STATUS_BY_STATE: Record<WireLicenseState, LicenseStatus> = {
  NotCollected: 'available',
  CollectedUnconfirmed: 'activation_pending',
  Collected: 'activated',
  ReturnedUnconfirmed: 'return_pending',
  WithdrawalPending: 'withdrawal_pending',
  Withdrawn: 'withdrawn',
};

const ACTIVATION_TYPES = { Activated: 'activation.activated', Returned: 'activation.returned', Withdrawn: 'activation.withdrawn' } as const;

export function toCustomer(c: { customerNumber: string; name?: string; email?: string }): Customer {
  return { number: c.customerNumber, ...(c.name === undefined ? {} : { name: c.name }), ...(c.email === undefined ? {} : { email: c.email }) };
}

export function toLicense(l: WireLicense): License {
  return {
    licenseNumber: l.licenseNumber,
    ticket: l.ticket,
    orderNumber: l.orderNumber,
    lineId: l.position,
    item: { firmCode: l.firmCode, productCode: l.productCode },
    ...(l.itemName === undefined ? {} : { itemName: l.itemName }),
    status: STATUS_BY_STATE[l.state],
    suspended: l.disabled,
    ...(l.containerSerial === undefined ? {} : { containerSerial: l.containerSerial }),
    ...(l.firstActivation === undefined ? {} : { firstActivatedAt: l.firstActivation }),
    ...(l.expiration === undefined ? {} : { expiresAt: l.expiration }),
  };
}

export function toTicket(t: WireTicket): Ticket {
  return {
    ticket: t.ticket,
    orderNumber: t.orderNumber,
    ...(t.customer ? { customer: toCustomer(t.customer) } : {}),
    status: t.state === 'Disabled' ? 'suspended' : 'active',
    createdAt: t.created,
    licenses: t.license.map(toLicense),
  };
}

export function orderChange(c: OrderChange): LicenseChange {
  const lines: OrderLine[] = c.line.map((l) => ({ lineId: l.position, firmCode: l.firmCode, productCode: l.productCode, quantity: l.quantity }));
  return {
    changeId: c.changeId,
    feed: 'orders',
    type: c.type === 'OrderCreated' ? 'order.created' : 'order.extended',
    at: c.time,
    ticket: c.ticket,
    orderNumber: c.orderNumber,
    ...(c.customer ? { customer: toCustomer(c.customer) } : {}),
    lines,
  };
}

export function licenseChange(c: LicenseChangeRecord): LicenseChange {
  const l = toLicense(c.license);
  return {
    changeId: c.changeId,
    feed: 'licenses',
    type: c.type === 'LicenseCreated' ? 'license.created' : 'license.updated',
    at: c.time,
    ticket: l.ticket,
    orderNumber: l.orderNumber,
    licenseNumber: l.licenseNumber,
    item: l.item,
    status: l.status,
    suspended: l.suspended,
    ...(l.containerSerial === undefined ? {} : { containerSerial: l.containerSerial }),
    ...(l.firstActivatedAt === undefined ? {} : { firstActivatedAt: l.firstActivatedAt }),
    ...(l.expiresAt === undefined ? {} : { expiresAt: l.expiresAt }),
  };
}

export function activationChange(c: ActivationChange): LicenseChange {
  return {
    changeId: c.changeId,
    feed: 'activations',
    type: ACTIVATION_TYPES[c.type],
    at: c.time,
    ticket: c.ticket,
    orderNumber: c.orderNumber,
    licenseNumber: c.licenseNumber,
    item: { firmCode: c.firmCode, productCode: c.productCode },
    status: STATUS_BY_STATE[c.state],
    containerSerial: c.containerSerial,
    ...(c.expiration === undefined ? {} : { expiresAt: c.expiration }),
  };
}
