import { randomInt } from 'node:crypto';
import { CmLcFault } from './cmlc-fault';

/**
 * What the simulated License Central holds: the items configured in the Admin interface,
 * tickets with their order positions and licenses, the CmContainers licenses went into (with
 * their Firm Update Counter), license updates waiting for their receipt, and one change log that
 * numbers every change with the next value of one sequence (the change feeds read it).
 */

export type LicenseState = 'NotCollected' | 'CollectedUnconfirmed' | 'Collected' | 'ReturnedUnconfirmed' | 'WithdrawalPending' | 'Withdrawn';

/** An item's expiry: none, a fixed date, or a number of days from the license's first activation. */
export type ExpiryRule = { kind: 'none' } | { kind: 'fixed'; date: string } | { kind: 'days_after_first_activation'; days: number };

export interface Item {
  firmCode: number;
  productCode: number;
  name: string;
  expiry: ExpiryRule;
}

export interface Customer {
  customerNumber: string;
  name?: string;
  email?: string;
}

export interface StoredLicense {
  licenseNumber: string;
  ticket: string;
  orderNumber: string;
  position: string;
  firmCode: number;
  productCode: number;
  itemName: string;
  state: LicenseState;
  disabled: boolean;
  containerSerial?: string;
  firstActivation?: number;
  expiration?: number;
}

export interface Position {
  position: string;
  firmCode: number;
  productCode: number;
  quantity: number;
  licenseNumbers: string[];
}

export interface StoredTicket {
  ticket: string;
  orderNumber: string;
  customer?: Customer;
  disabled: boolean;
  created: number;
  positions: Position[];
}

export interface Container {
  serial: string;
  firmUpdateCounter: number;
}

type UpdateKind = 'activate' | 'return' | 'withdraw';

export interface PendingUpdate {
  updateId: string;
  kind: UpdateKind;
  containerSerial: string;
  counterBefore: number;
  counterAfter: number;
  licenseNumbers: string[];
  /** License states before the update, to put back if the update is never imported. */
  before: Record<string, Pick<StoredLicense, 'state' | 'containerSerial'>>;
  confirmed?: number;
}

export type ChangeFeed = 'orders' | 'licenses' | 'activations';

export type OrderLine = { position: string; firmCode: number; productCode: number; quantity: number };

export type Change =
  | { feed: 'orders'; sequence: number; time: number; type: 'OrderCreated' | 'OrderExtended'; ticket: string; orderNumber: string; customer?: Customer; lines: OrderLine[] }
  | { feed: 'licenses'; sequence: number; time: number; type: 'LicenseCreated' | 'LicenseUpdated'; license: StoredLicense }
  | {
      feed: 'activations';
      sequence: number;
      time: number;
      type: 'Activated' | 'Returned' | 'Withdrawn';
      ticket: string;
      orderNumber: string;
      licenseNumber: string;
      firmCode: number;
      productCode: number;
      containerSerial: string;
      state: LicenseState;
      expiration?: number;
    };

export type LineResult = { position: string; result: 'Created' | 'Existing' | 'Extended' | 'Failed'; errorCode?: string; errorMessage?: string };

export const changeIdOf = (sequence: number) => `CHG-${String(sequence).padStart(10, '0')}`;

const DAY_MS = 86_400_000;
const TICKET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class LicenseCentralStore {
  readonly items = new Map<string, Item>();
  readonly tickets = new Map<string, StoredTicket>();
  readonly licenses = new Map<string, StoredLicense>();
  readonly containers = new Map<string, Container>();
  readonly updates = new Map<string, PendingUpdate>();
  readonly changes: Change[] = [];
  private sequence = 0;
  private nextLicense = 1_000_001;
  private nextUpdate = 1;

  constructor(private readonly now: () => number) {}

  reset(): void {
    this.items.clear();
    this.tickets.clear();
    this.licenses.clear();
    this.containers.clear();
    this.updates.clear();
    this.changes.length = 0;
    this.sequence = 0;
    this.nextLicense = 1_000_001;
    this.nextUpdate = 1;
  }

  addItem(item: Item): void {
    this.items.set(itemKey(item.firmCode, item.productCode), item);
  }

  item(firmCode: number, productCode: number): Item | undefined {
    return this.items.get(itemKey(firmCode, productCode));
  }

  ticketByOrder(orderNumber: string): StoredTicket | undefined {
    for (const t of this.tickets.values()) if (t.orderNumber === orderNumber) return t;
    return undefined;
  }

  requireTicket(ticket: string): StoredTicket {
    const found = this.tickets.get(ticket);
    if (!found) throw new CmLcFault('UnknownTicket', `Ticket ${ticket} not found`, ticket);
    return found;
  }

  licensesOf(ticket: StoredTicket): StoredLicense[] {
    return ticket.positions.flatMap((p) => p.licenseNumbers.map((n) => this.licenses.get(n)!));
  }

  /**
   * Sales: an order's positions go onto the order number's ticket (a new one the first time).
   * Everything is checked before anything is made, so a refused order changes nothing; a position
   * sent again changes nothing, one with a larger quantity gets the difference. `failPosition`
   * lets the simulator fail one position after the others went through.
   */
  placeOrder(input: { orderNumber: string; customer?: Customer; lines: OrderLine[]; ticket?: string }, failPosition?: (newPositions: string[]) => string | undefined): { ticket: StoredTicket; results: LineResult[] } {
    const seen = new Set<string>();
    const existing = this.ticketByOrder(input.orderNumber);
    for (const line of input.lines) {
      if (seen.has(line.position)) throw new CmLcFault('InvalidRequest', `Position ${line.position} appears twice in the order`, line.position);
      seen.add(line.position);
      if (line.quantity < 1) throw new CmLcFault('InvalidRequest', `Invalid value for line.quantity: must be at least 1 (position ${line.position})`, line.position);
      if (!this.item(line.firmCode, line.productCode)) {
        throw new CmLcFault('UnknownItem', `No item with firm code ${line.firmCode} and product code ${line.productCode}`, `${line.firmCode}/${line.productCode}`);
      }
      const known = existing?.positions.find((p) => p.position === line.position);
      if (known && (known.firmCode !== line.firmCode || known.productCode !== line.productCode)) {
        throw new CmLcFault('OrderConflict', `Position ${line.position} of order ${input.orderNumber} already holds item ${known.firmCode}/${known.productCode}`, line.position);
      }
      if (known && line.quantity < known.quantity) {
        throw new CmLcFault('OrderConflict', `Position ${line.position} of order ${input.orderNumber} already holds ${known.quantity} licenses; a quantity cannot shrink`, line.position);
      }
    }
    const time = this.now();
    if (!existing && input.ticket && this.tickets.has(input.ticket)) throw new CmLcFault('InvalidRequest', `Ticket ${input.ticket} already exists`, input.ticket);
    const ticket = existing ?? this.newTicket(input.orderNumber, input.customer, time, input.ticket);
    if (!ticket.customer && input.customer) ticket.customer = input.customer;
    const growing = input.lines.filter((line) => (ticket.positions.find((p) => p.position === line.position)?.quantity ?? 0) < line.quantity);
    const failing = failPosition?.(growing.map((l) => l.position));
    const results: LineResult[] = [];
    const added: OrderLine[] = [];
    const newLicenses: StoredLicense[] = [];
    for (const line of input.lines) {
      let position = ticket.positions.find((p) => p.position === line.position);
      if (position && position.quantity >= line.quantity) {
        results.push({ position: line.position, result: 'Existing' });
        continue;
      }
      if (line.position === failing) {
        results.push({ position: line.position, result: 'Failed', errorCode: 'InternalError', errorMessage: 'License creation failed; send the order again' });
        continue;
      }
      const result = position ? 'Extended' : 'Created';
      if (!position) {
        position = { position: line.position, firmCode: line.firmCode, productCode: line.productCode, quantity: 0, licenseNumbers: [] };
        ticket.positions.push(position);
      }
      const item = this.item(line.firmCode, line.productCode)!;
      for (let i = position.quantity; i < line.quantity; i++) {
        const license = this.newLicense(ticket, position.position, item);
        position.licenseNumbers.push(license.licenseNumber);
        newLicenses.push(license);
      }
      added.push({ position: line.position, firmCode: line.firmCode, productCode: line.productCode, quantity: line.quantity - position.quantity });
      position.quantity = line.quantity;
      results.push({ position: line.position, result });
    }
    if (added.length > 0) {
      this.record({ feed: 'orders', time, type: this.changes.some((c) => c.feed === 'orders' && c.ticket === ticket.ticket) ? 'OrderExtended' : 'OrderCreated', ticket: ticket.ticket, orderNumber: ticket.orderNumber, ...(ticket.customer ? { customer: ticket.customer } : {}), lines: added });
      for (const license of newLicenses) this.record({ feed: 'licenses', time, type: 'LicenseCreated', license: { ...license } });
    }
    return { ticket, results };
  }

  /** Disabling keeps the ticket's licenses from being collected; repeating it changes nothing. */
  setDisabled(ticketNumber: string, disabled: boolean): StoredTicket {
    const ticket = this.requireTicket(ticketNumber);
    ticket.disabled = disabled;
    const time = this.now();
    for (const license of this.licensesOf(ticket)) {
      if (license.disabled === disabled || license.state === 'Withdrawn') continue;
      license.disabled = disabled;
      this.record({ feed: 'licenses', time, type: 'LicenseUpdated', license: { ...license } });
    }
    return ticket;
  }

  /** Withdraw (License Central 3.20): at once when not in a container, else at the container's next update. */
  withdraw(ticketNumber: string, licenseNumbers: string[]): StoredTicket {
    const ticket = this.requireTicket(ticketNumber);
    const selected = this.select(ticket, licenseNumbers);
    const time = this.now();
    for (const license of selected) {
      if (license.state === 'Withdrawn' || license.state === 'WithdrawalPending') continue;
      if (license.state === 'CollectedUnconfirmed') this.cancelPendingFor(license);
      license.state = license.state === 'NotCollected' ? 'Withdrawn' : 'WithdrawalPending';
      this.record({ feed: 'licenses', time, type: 'LicenseUpdated', license: { ...license } });
    }
    return ticket;
  }

  /**
   * Depot: collects licenses of a ticket into a container. The container's context (serial and
   * Firm Update Counter) must match License Central's record of it. The first activation fixes
   * the expiry of items that count from it; later activations keep it.
   */
  activate(input: { ticket: string; containerSerial: string; firmUpdateCounter: number; licenseNumbers: string[] }, time = this.now()): PendingUpdate {
    const ticket = this.requireTicket(input.ticket);
    if (ticket.disabled) throw new CmLcFault('TicketDisabled', `Ticket ${ticket.ticket} is disabled`, ticket.ticket);
    const container = this.containerFor(input.containerSerial, input.firmUpdateCounter);
    const candidates = this.select(ticket, input.licenseNumbers);
    if (input.licenseNumbers.length > 0) {
      for (const license of candidates) {
        if (license.state === 'Withdrawn' || license.state === 'WithdrawalPending') {
          throw new CmLcFault('LicenseWithdrawn', `License ${license.licenseNumber} was withdrawn`, license.licenseNumber);
        }
        if (license.state !== 'NotCollected') {
          throw new CmLcFault('LicenseAlreadyActivated', `License ${license.licenseNumber} is already activated in ${license.containerSerial}`, license.licenseNumber);
        }
      }
    }
    const free = candidates.filter((l) => l.state === 'NotCollected');
    if (free.length === 0) throw new CmLcFault('LicenseAlreadyActivated', `Every license of ticket ${ticket.ticket} is already activated`, ticket.ticket);
    this.cancelPendingOf(container.serial);
    const update = this.newUpdate('activate', container, free);
    for (const license of free) {
      license.state = 'CollectedUnconfirmed';
      license.containerSerial = container.serial;
      if (license.firstActivation === undefined) {
        license.firstActivation = time;
        const rule = this.item(license.firmCode, license.productCode)?.expiry;
        if (rule?.kind === 'days_after_first_activation') {
          license.expiration = time + rule.days * DAY_MS;
          this.record({ feed: 'licenses', time, type: 'LicenseUpdated', license: { ...license } });
        }
      }
    }
    return update;
  }

  /** Depot: returns licenses from the container holding them (a planned move or a refund). */
  returnLicenses(input: { ticket: string; containerSerial: string; firmUpdateCounter: number; licenseNumbers: string[] }): PendingUpdate {
    const ticket = this.requireTicket(input.ticket);
    const container = this.containerFor(input.containerSerial, input.firmUpdateCounter, true);
    const selected = this.select(ticket, input.licenseNumbers).filter((l) => input.licenseNumbers.length > 0 || l.containerSerial === container.serial);
    if (selected.length === 0) throw new CmLcFault('LicenseNotActivated', `No license of ticket ${ticket.ticket} is in container ${container.serial}`, container.serial);
    for (const license of selected) {
      if (license.state !== 'Collected') throw new CmLcFault('LicenseNotActivated', `License ${license.licenseNumber} is not activated (${license.state})`, license.licenseNumber);
      if (license.containerSerial !== container.serial) {
        throw new CmLcFault('ContainerMismatch', `License ${license.licenseNumber} is in container ${license.containerSerial}, not ${container.serial}`, container.serial);
      }
    }
    this.cancelPendingOf(container.serial);
    const update = this.newUpdate('return', container, selected);
    for (const license of selected) license.state = 'ReturnedUnconfirmed';
    return update;
  }

  /** Depot, automatic license update: what the vendor changed for this container (withdrawals), if anything. */
  updateContainer(containerSerial: string, firmUpdateCounter: number): PendingUpdate | undefined {
    const container = this.containers.get(containerSerial);
    if (!container) return undefined;
    this.containerFor(containerSerial, firmUpdateCounter, true);
    const leaving = [...this.licenses.values()].filter((l) => l.containerSerial === containerSerial && l.state === 'WithdrawalPending');
    if (leaving.length === 0) return undefined;
    this.cancelPendingOf(container.serial);
    return this.newUpdate('withdraw', container, leaving);
  }

  /**
   * Depot: the receipt of an imported update. Its container and new Firm Update Counter must be
   * the ones the update was made for, else the container is not in the state License Central
   * expects and the receipt is refused. A receipt sent twice returns the first confirmation.
   */
  confirmReceipt(input: { containerSerial: string; updateId: string; firmUpdateCounter: number }, time = this.now()): PendingUpdate {
    const update = this.updates.get(input.updateId);
    if (!update) throw new CmLcFault('UnknownUpdate', `No license update ${input.updateId} is waiting for a receipt`, input.updateId);
    if (update.containerSerial !== input.containerSerial || update.counterAfter !== input.firmUpdateCounter) {
      throw new CmLcFault(
        'ContainerMismatch',
        `Receipt for ${input.updateId} does not match: expected container ${update.containerSerial} at Firm Update Counter ${update.counterAfter}, got ${input.containerSerial} at ${input.firmUpdateCounter}`,
        input.containerSerial,
      );
    }
    if (update.confirmed !== undefined) return update;
    update.confirmed = time;
    this.containers.get(update.containerSerial)!.firmUpdateCounter = update.counterAfter;
    for (const number of update.licenseNumbers) {
      const license = this.licenses.get(number)!;
      let type: 'Activated' | 'Returned' | 'Withdrawn';
      if (update.kind === 'activate') {
        license.state = 'Collected';
        type = 'Activated';
      } else if (license.state === 'WithdrawalPending') {
        license.state = 'Withdrawn';
        type = 'Withdrawn';
        this.record({ feed: 'licenses', time, type: 'LicenseUpdated', license: { ...license } });
      } else {
        license.state = 'NotCollected';
        type = 'Returned';
      }
      this.record({
        feed: 'activations', time, type, ticket: license.ticket, orderNumber: license.orderNumber, licenseNumber: license.licenseNumber,
        firmCode: license.firmCode, productCode: license.productCode, containerSerial: update.containerSerial, state: license.state,
        ...(license.expiration === undefined ? {} : { expiration: license.expiration }),
      });
      if (license.state !== 'Collected') delete license.containerSerial;
    }
    return update;
  }

  /** Changes of one feed after `afterSequence`, oldest first, at most `maxCount`. */
  changesAfter(feed: ChangeFeed, afterSequence: number, maxCount: number): { changes: Change[]; hasMore: boolean } {
    const matching = this.changes.filter((c) => c.feed === feed && c.sequence > afterSequence);
    return { changes: matching.slice(0, maxCount), hasMore: matching.length > maxCount };
  }

  /** The last change of the feed at or before `sequence` (what a duplicate report repeats). */
  lastChangeUpTo(feed: ChangeFeed, sequence: number): Change | undefined {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const c = this.changes[i]!;
      if (c.feed === feed && c.sequence <= sequence) return c;
    }
    return undefined;
  }

  /** The customer's side in one step (seed, portal): the license into the container, activated and confirmed at `at`. */
  seedActivation(licenseNumber: string, containerSerial: string, at = this.now()): void {
    const license = this.licenses.get(licenseNumber)!;
    const container = this.containers.get(containerSerial) ?? { serial: containerSerial, firmUpdateCounter: 0 };
    this.containers.set(containerSerial, container);
    const update = this.activate({ ticket: license.ticket, containerSerial, firmUpdateCounter: container.firmUpdateCounter, licenseNumbers: [licenseNumber] }, at);
    this.confirmReceipt({ containerSerial, updateId: update.updateId, firmUpdateCounter: update.counterAfter }, at);
  }

  private newTicket(orderNumber: string, customer: Customer | undefined, time: number, wanted?: string): StoredTicket {
    let number = wanted ?? ticketNumber();
    while (this.tickets.has(number)) number = ticketNumber();
    const ticket: StoredTicket = { ticket: number, orderNumber, ...(customer ? { customer } : {}), disabled: false, created: time, positions: [] };
    this.tickets.set(number, ticket);
    return ticket;
  }

  private newLicense(ticket: StoredTicket, position: string, item: Item): StoredLicense {
    const license: StoredLicense = {
      licenseNumber: String(this.nextLicense++),
      ticket: ticket.ticket,
      orderNumber: ticket.orderNumber,
      position,
      firmCode: item.firmCode,
      productCode: item.productCode,
      itemName: item.name,
      state: 'NotCollected',
      disabled: ticket.disabled,
      ...(item.expiry.kind === 'fixed' ? { expiration: Date.parse(item.expiry.date) } : {}),
    };
    this.licenses.set(license.licenseNumber, license);
    return license;
  }

  private newUpdate(kind: UpdateKind, container: Container, licenses: StoredLicense[]): PendingUpdate {
    const update: PendingUpdate = {
      updateId: `UPD-${String(this.nextUpdate++).padStart(8, '0')}`,
      kind,
      containerSerial: container.serial,
      counterBefore: container.firmUpdateCounter,
      counterAfter: container.firmUpdateCounter + 1,
      licenseNumbers: licenses.map((l) => l.licenseNumber),
      before: Object.fromEntries(licenses.map((l) => [l.licenseNumber, { state: l.state, ...(l.containerSerial ? { containerSerial: l.containerSerial } : {}) }])),
    };
    this.updates.set(update.updateId, update);
    return update;
  }

  /**
   * The container as License Central knows it, checked against the context the request carries.
   * A container seen for the first time is recorded as it is (unless it must be known already).
   */
  private containerFor(serial: string, firmUpdateCounter: number, mustExist = false): Container {
    const known = this.containers.get(serial);
    if (!known) {
      if (mustExist) throw new CmLcFault('ContainerMismatch', `Container ${serial} holds no license of this License Central`, serial);
      const container = { serial, firmUpdateCounter };
      this.containers.set(serial, container);
      return container;
    }
    if (known.firmUpdateCounter !== firmUpdateCounter) {
      throw new CmLcFault(
        'ContainerMismatch',
        `Manipulation detected: container ${serial} reports Firm Update Counter ${firmUpdateCounter}, License Central expects ${known.firmUpdateCounter}`,
        serial,
      );
    }
    return known;
  }

  /** An update that was never imported is void once the container asks for a new one: its licenses go back. */
  private cancelPendingOf(serial: string): void {
    for (const update of this.updates.values()) {
      if (update.containerSerial !== serial || update.confirmed !== undefined) continue;
      this.revert(update);
    }
  }

  private cancelPendingFor(license: StoredLicense): void {
    for (const update of this.updates.values()) {
      if (update.confirmed === undefined && update.licenseNumbers.includes(license.licenseNumber)) this.revert(update);
    }
  }

  private revert(update: PendingUpdate): void {
    for (const number of update.licenseNumbers) {
      const license = this.licenses.get(number)!;
      const before = update.before[number]!;
      // A withdrawal decided meanwhile stands; only the update's own step is undone.
      if (license.state === 'WithdrawalPending') continue;
      license.state = before.state;
      if (before.containerSerial) license.containerSerial = before.containerSerial;
      else delete license.containerSerial;
    }
    this.updates.delete(update.updateId);
  }

  private select(ticket: StoredTicket, licenseNumbers: string[]): StoredLicense[] {
    const all = this.licensesOf(ticket);
    if (licenseNumbers.length === 0) return all;
    return licenseNumbers.map((number) => {
      const license = all.find((l) => l.licenseNumber === number);
      if (!license) throw new CmLcFault('UnknownLicense', `License ${number} is not on ticket ${ticket.ticket}`, number);
      return license;
    });
  }

  private record(change: DistributiveOmit<Change, 'sequence'>): void {
    this.changes.push({ ...change, sequence: ++this.sequence } as Change);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function itemKey(firmCode: number, productCode: number): string {
  return `${firmCode}/${productCode}`;
}

function ticketNumber(): string {
  const group = () => Array.from({ length: 5 }, () => TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)]).join('');
  return [group(), group(), group(), group(), group()].join('-');
}
