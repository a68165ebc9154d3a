import { randomUUID } from 'node:crypto';
import type { SubmitEventResponse, SubscriberDetails } from '../../api/operations';
import { SubsyncClient } from '../../client/ts';
import { demoLicenses } from '../../config/defaults';
import { formatLbDate, insupdUsboxService, setVgroupAddon, stopUsboxService } from '../../connectors/lanbilling';
import type { SlotState } from '../../domain/slot';
import { licenseCatalog } from '../../simulators/demo-seed';
import { createLicenseCentralSimulator, LicenseCentralSimulator } from '../../simulators/license-central';
import { LanbillingManager } from '../../simulators/lanbilling/manager';
import { startTestStack, TestStack } from './stack';

export const SERVICE = 'software-license';
export const SLOT = `license:${SERVICE}`;
export const { firmCode: FIRM, products, tariffs, catidx: LICENSE_CATIDX, ticketField: TICKET_FIELD } = demoLicenses;
export const OFFICE = `${FIRM}/${products.office}`;
export const ANTIVIRUS = `${FIRM}/${products.antivirus}`;
/** A tariff whose item License Central does not sell: ordering it is refused. */
export const UNKNOWN_ITEM_TARIFF = 39;
export const UNKNOWN_PRODUCT = 999;
/** A tariff the service's settings do not map at all. */
export const UNMAPPED_TARIFF = 77;

export interface LicenseStack extends TestStack {
  lc: LicenseCentralSimulator;
}

/**
 * The whole stack with LANBilling, the intercom platform and License Central, each a simulator on
 * a real socket, and the `software-license` service of the default config (LANBilling tariff →
 * items), plus a tariff whose item License Central does not sell.
 */
export async function startLicenseStack(): Promise<LicenseStack> {
  const lc = createLicenseCentralSimulator();
  const url = await lc.start(0);
  lc.seed(licenseCatalog);
  const stack = await startTestStack(
    {
      platforms: { 'license-central': { url, timeoutMs: 2000 } },
      services: { [SERVICE]: { itemsByPlan: { [UNKNOWN_ITEM_TARIFF]: [{ firmCode: FIRM, productCode: UNKNOWN_PRODUCT, quantity: 1 }] } } },
    },
    { watchers: false },
  );
  stack.lanbilling.seed({ addonFields: [{ name: TICKET_FIELD, descr: 'Тикет License Central' }] });
  return {
    ...stack,
    lc,
    async stop() {
      await stack.stop();
      await lc.stop();
    },
  };
}

/** A ticket as the simulator's state() shows it (the wire shape). */
interface WireTicket {
  ticket: string;
  orderNumber: string;
  state: 'Enabled' | 'Disabled';
  customer?: { customerNumber: string };
  license: { licenseNumber: string; state: string; disabled: boolean; firmCode: number; productCode: number; position: string; containerSerial?: string; expiration?: string }[];
}

/**
 * What the license tests look at and do: License Central's state as its simulator holds it,
 * LANBilling's, a manager selling and changing license tariffs over SOAP, and billing's hook.
 */
export class LicenseWorld {
  readonly lb: LanbillingManager;
  readonly api: SubsyncClient;

  constructor(readonly stack: LicenseStack) {
    this.lb = new LanbillingManager(stack.lanbilling.url);
    this.api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  }

  orderNumber = (account: string) => `lanbilling:${account}:${SERVICE}`;

  /** Every ticket License Central holds for the account's service (there must never be two). */
  tickets(account: string): WireTicket[] {
    return (this.stack.lc.state().tickets as unknown as WireTicket[]).filter((t) => t.orderNumber === this.orderNumber(account));
  }

  ticket(account: string): WireTicket | undefined {
    const [t, more] = this.tickets(account);
    if (more) throw new Error(`License Central holds ${this.tickets(account).length} tickets for ${this.orderNumber(account)}`);
    return t;
  }

  /** Licenses per item and state, e.g. { '6000010/301': ['Collected', 'NotCollected'] }. */
  licenses(account: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const l of this.ticket(account)?.license ?? []) (out[`${l.firmCode}/${l.productCode}`] ??= []).push(l.state);
    return out;
  }

  /** Order changes (created/extended) License Central recorded for the account: one per order that made licenses. */
  orderChanges(account: string): string[] {
    return this.stack.lc
      .state()
      .changes.filter((c) => c.feed === 'orders' && 'orderNumber' in c && c.orderNumber === this.orderNumber(account))
      .map((c) => c.type);
  }

  /** The ticket number billing holds in the vgroup's addon. */
  billedTicket(account: string): string | undefined {
    const addons = this.stack.lanbilling.state().vgroups.find((v) => String(v.vgid) === account)?.addons as Record<string, string> | undefined;
    return addons?.[TICKET_FIELD] || undefined;
  }

  async view(account: string): Promise<SubscriberDetails> {
    const view = await this.api.getSubscriber('lanbilling', account);
    if (!view) throw new Error(`no subscriber lanbilling:${account}`);
    return view;
  }

  async slot(account: string): Promise<SlotState | undefined> {
    return (await this.view(account)).platforms.find((p) => p.platform === 'license-central');
  }

  send(account: string, type: string, extra: Record<string, unknown> = {}, options: { wait?: boolean; id?: string } = { wait: true }): Promise<SubmitEventResponse> {
    return this.api.submitEvent({ id: options.id ?? `hook-${type}-${randomUUID()}`, billing: 'lanbilling', account, type, ...extra }, options.wait === false ? {} : { wait: true, timeoutMs: 30_000 });
  }

  /** A customer with an activated account and a login (the intercom slot links it), no services yet. */
  async customer(login: string): Promise<string> {
    const { agrmid } = await this.lb.createCustomer(`Абонент ${login}`, 10_000);
    const account = await this.lb.createAccount(agrmid, login, `кв. ${login.slice(-3)}`);
    await this.lb.activate(account);
    return account;
  }

  /** A manager sells the license service on a tariff: a periodic service of the license category, started an hour ago. */
  sell = (account: string, tarid: number) =>
    insupdUsboxService(this.lb.client, { vgid: Number(account), tarid, catidx: LICENSE_CATIDX, timefrom: formatLbDate(new Date(Date.now() - 3600_000)) });
  /** A manager moves the service to another tariff (the same periodic service). */
  changeTariff = (account: string, servid: number, tarid: number) => insupdUsboxService(this.lb.client, { servid, vgid: Number(account), tarid, catidx: LICENSE_CATIDX });
  /** A manager overwrites the ticket number in billing. */
  setBilledTicket = (account: string, value: string) => setVgroupAddon(this.lb.client, { vgid: Number(account), name: TICKET_FIELD, value });
  /** A manager ends the service now. */
  endService = (servid: number) => stopUsboxService(this.lb.client, { servid, timeto: formatLbDate(new Date()) });
}
