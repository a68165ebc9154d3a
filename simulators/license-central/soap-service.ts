import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { checkBasicAuth } from '../kit/basic-auth';
import { soapHandlers } from '../kit/soap-handlers';
import { CmLcFault, invalid } from './cmlc-fault';
import type { LcFaultController } from './lc-faults';
import { CONTAINER_SERIAL_PATTERN, TICKET_PATTERN } from './seed';
import { Change, changeIdOf, ChangeFeed, LicenseCentralStore, PendingUpdate, StoredLicense, StoredTicket } from './store';

/**
 * The CmLC-API operations (cmlc-api.wsdl) as node-soap service handlers: Admin, Sales and Depot,
 * each behind HTTP Basic credentials. Each handler validates its arguments against the shapes in
 * the WSDL (a fault names the wire path of a bad field), consults License Central's own injected
 * failure modes, and answers in the WSDL's element order with optional elements left out.
 */
export interface ApiUser {
  user: string;
  password: string;
}

const int = z.number().int();
const text = z.string();
const ticketNumber = text.regex(TICKET_PATTERN, 'expected a ticket like ABCDE-FGHIJ-KLMNO-PQRST-UVWXY');
const containerSerial = text.regex(CONTAINER_SERIAL_PATTERN, 'expected a container serial like 130-1234567');
/** A repeated element: node-soap gives an array, a single value or nothing. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const customer = z.object({ customerNumber: text.min(1), name: text.optional(), email: text.optional() });

const schemas = {
  changes: z.object({ afterSequence: int.min(0), maxCount: int.min(1).max(1000) }),
  PlaceOrder: z.object({
    orderNumber: text.min(1),
    customer: customer.optional(),
    line: list(z.object({ position: text.min(1), firmCode: int, productCode: int, quantity: int })).refine((l) => l.length > 0, 'at least one line'),
  }),
  GetTicket: z.union([z.object({ ticket: ticketNumber }), z.object({ orderNumber: text.min(1) })]),
  ticketOnly: z.object({ ticket: ticketNumber }),
  WithdrawLicenses: z.object({ ticket: ticketNumber, licenseNumber: list(text.min(1)) }),
  container: z.object({ ticket: ticketNumber, containerSerial, firmUpdateCounter: int.min(0), licenseNumber: list(text.min(1)) }),
  UpdateContainer: z.object({ containerSerial, firmUpdateCounter: int.min(0) }),
  ConfirmReceipt: z.object({ containerSerial, updateId: text.min(1), firmUpdateCounter: int.min(0) }),
};

type Handler = (args: unknown, callback: unknown, headers: unknown, req: IncomingMessage) => unknown;

export const VERSION = 'subsync CmLC simulator 1.0';

export function createCmLcService(store: LicenseCentralStore, faults: LcFaultController, users: ApiUser[], now: () => number) {
  const authorized = <S extends z.ZodType>(schema: S | undefined, run: (args: z.output<S>) => unknown): Handler =>
    (args, _callback, _headers, req) => answer(() => {
      authenticate(req, users, faults);
      return run((schema ? parseArgs(schema, args) : {}) as z.output<S>);
    });

  const changeQuery = (feed: ChangeFeed, wire: (c: Change) => object) =>
    authorized(schemas.changes, ({ afterSequence, maxCount }) => {
      const page = store.changesAfter(feed, afterSequence, maxCount);
      const last = page.changes.at(-1)?.sequence ?? afterSequence;
      const repeated = faults.take('duplicate_change', (f) => f.feed === undefined || f.feed === feed) ? store.lastChangeUpTo(feed, afterSequence) : undefined;
      const changes = repeated ? [repeated, ...page.changes] : page.changes;
      return { change: changes.map(wire), nextSequence: last, hasMore: page.hasMore };
    });

  const Admin = {
    GetServerInfo: authorized(undefined, () => ({ version: VERSION, serverTime: iso(now()) })),
    GetOrderChanges: changeQuery('orders', orderChangeOut),
    GetLicenseChanges: changeQuery('licenses', licenseChangeOut),
    GetActivationChanges: changeQuery('activations', activationChangeOut),
  };

  const Sales = {
    PlaceOrder: authorized(schemas.PlaceOrder, (order) => {
      for (const line of order.line) {
        const unknown = faults.take('unknown_item', (f) => (f.firmCode === undefined || f.firmCode === line.firmCode) && (f.productCode === undefined || f.productCode === line.productCode));
        if (unknown) throw new CmLcFault('UnknownItem', `No item with firm code ${line.firmCode} and product code ${line.productCode}`, `${line.firmCode}/${line.productCode}`);
      }
      const { ticket, results } = store.placeOrder(
        { orderNumber: order.orderNumber, lines: order.line, ...(order.customer ? { customer: order.customer } : {}) },
        (growing) => {
          const fault = faults.take('partial_order', (f) => growing.length > 0 && (f.position === undefined || growing.includes(f.position)));
          return fault ? (fault.position ?? growing.at(-1)) : undefined;
        },
      );
      return { ticket: ticketOut(store, ticket), lineResult: results.map((r) => compact({ position: r.position, result: r.result, errorCode: r.errorCode, errorMessage: r.errorMessage })) };
    }),
    GetTicket: authorized(schemas.GetTicket, (ref) => {
      if ('ticket' in ref) return { ticket: ticketOut(store, store.requireTicket(ref.ticket)) };
      const ticket = store.ticketByOrder(ref.orderNumber);
      if (!ticket) throw new CmLcFault('UnknownTicket', `No ticket for order ${ref.orderNumber}`, ref.orderNumber);
      return { ticket: ticketOut(store, ticket) };
    }),
    DisableTicket: authorized(schemas.ticketOnly, ({ ticket }) => ({ ticket: ticketOut(store, store.setDisabled(ticket, true)) })),
    EnableTicket: authorized(schemas.ticketOnly, ({ ticket }) => ({ ticket: ticketOut(store, store.setDisabled(ticket, false)) })),
    WithdrawLicenses: authorized(schemas.WithdrawLicenses, ({ ticket, licenseNumber }) => ({ ticket: ticketOut(store, store.withdraw(ticket, licenseNumber)) })),
  };

  const mismatch = (operation: 'ActivateLicenses' | 'ReturnLicenses' | 'UpdateContainer' | 'ConfirmReceipt', serial: string) => {
    if (faults.take('container_mismatch', (f) => f.operation === undefined || f.operation === operation)) {
      throw new CmLcFault('ContainerMismatch', `Manipulation detected: the state of container ${serial} does not match License Central's record`, serial);
    }
  };

  const Depot = {
    ActivateLicenses: authorized(schemas.container, (req) => {
      mismatch('ActivateLicenses', req.containerSerial);
      if (faults.take('ticket_already_activated')) throw new CmLcFault('LicenseAlreadyActivated', `Every license of ticket ${req.ticket} is already activated`, req.ticket);
      const update = store.activate({ ticket: req.ticket, containerSerial: req.containerSerial, firmUpdateCounter: req.firmUpdateCounter, licenseNumbers: req.licenseNumber });
      return { update: updateOut(store, update) };
    }),
    ReturnLicenses: authorized(schemas.container, (req) => {
      mismatch('ReturnLicenses', req.containerSerial);
      const update = store.returnLicenses({ ticket: req.ticket, containerSerial: req.containerSerial, firmUpdateCounter: req.firmUpdateCounter, licenseNumbers: req.licenseNumber });
      return { update: updateOut(store, update) };
    }),
    UpdateContainer: authorized(schemas.UpdateContainer, (req) => {
      mismatch('UpdateContainer', req.containerSerial);
      const update = store.updateContainer(req.containerSerial, req.firmUpdateCounter);
      return update ? { update: updateOut(store, update) } : {};
    }),
    ConfirmReceipt: authorized(schemas.ConfirmReceipt, (req) => {
      mismatch('ConfirmReceipt', req.containerSerial);
      const update = store.confirmReceipt(req);
      return { receipt: { updateId: update.updateId, confirmed: iso(update.confirmed!), license: update.licenseNumbers.map((n) => licenseOut(store.licenses.get(n)!)) } };
    }),
  };

  return { CmLcApi: { Admin, Sales, Depot } };
}

export function licenseOut(l: StoredLicense): object {
  return compact({
    licenseNumber: l.licenseNumber,
    ticket: l.ticket,
    orderNumber: l.orderNumber,
    position: l.position,
    firmCode: l.firmCode,
    productCode: l.productCode,
    itemName: l.itemName,
    state: l.state,
    disabled: l.disabled,
    containerSerial: l.containerSerial,
    firstActivation: l.firstActivation === undefined ? undefined : iso(l.firstActivation),
    expiration: l.expiration === undefined ? undefined : iso(l.expiration),
  });
}

export function ticketOut(store: LicenseCentralStore, t: StoredTicket): object {
  return compact({
    ticket: t.ticket,
    orderNumber: t.orderNumber,
    customer: t.customer ? compact({ ...t.customer }) : undefined,
    state: t.disabled ? 'Disabled' : 'Enabled',
    created: iso(t.created),
    license: store.licensesOf(t).map(licenseOut),
  });
}

function updateOut(store: LicenseCentralStore, u: PendingUpdate): object {
  return { updateId: u.updateId, containerSerial: u.containerSerial, firmUpdateCounter: u.counterAfter, license: u.licenseNumbers.map((n) => licenseOut(store.licenses.get(n)!)) };
}

function orderChangeOut(c: Change): object {
  if (c.feed !== 'orders') throw new Error('not an order change');
  return compact({
    changeId: changeIdOf(c.sequence), sequence: c.sequence, time: iso(c.time), type: c.type, ticket: c.ticket, orderNumber: c.orderNumber,
    customer: c.customer ? compact({ ...c.customer }) : undefined,
    line: c.lines.map((l) => ({ position: l.position, firmCode: l.firmCode, productCode: l.productCode, quantity: l.quantity })),
  });
}

function licenseChangeOut(c: Change): object {
  if (c.feed !== 'licenses') throw new Error('not a license change');
  return { changeId: changeIdOf(c.sequence), sequence: c.sequence, time: iso(c.time), type: c.type, license: licenseOut(c.license) };
}

function activationChangeOut(c: Change): object {
  if (c.feed !== 'activations') throw new Error('not an activation change');
  return compact({
    changeId: changeIdOf(c.sequence), sequence: c.sequence, time: iso(c.time), type: c.type, ticket: c.ticket, orderNumber: c.orderNumber,
    licenseNumber: c.licenseNumber, firmCode: c.firmCode, productCode: c.productCode, containerSerial: c.containerSerial, state: c.state,
    expiration: c.expiration === undefined ? undefined : iso(c.expiration),
  });
}

function authenticate(req: IncomingMessage, users: ApiUser[], faults: LcFaultController): void {
  if (faults.take('credentials_rejected')) throw new CmLcFault('AuthenticationFailed', 'Invalid user name or password');
  const verdict = checkBasicAuth(req.headers.authorization, users);
  if (verdict === 'missing') throw new CmLcFault('AuthenticationFailed', 'Authentication required (HTTP Basic)');
  if (verdict === 'refused') throw new CmLcFault('AuthenticationFailed', 'Invalid user name or password');
}

const { parseArgs, answer } = soapHandlers({ fault: CmLcFault, internal: (message) => new CmLcFault('InternalError', message), invalid });

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
