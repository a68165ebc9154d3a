import {
  blkVgroup,
  formatLbDate,
  insupdAccount,
  insupdAgreement,
  insupdUsboxService,
  insupdVgroup,
  LanbillingClient,
  payment,
  setVgroupAddon,
  stopUsboxService,
} from '../../connectors/lanbilling';
import { createLogger } from '../../runtime/logger';
import { DEFAULT_LANBILLING_MANAGER } from './index';
import { INTERCOM } from './seed';

/**
 * Acts as a LANBilling manager over api3 (SOAP, real socket): what a person does in the
 * billing's UI before billing (or the watcher) tells subsync.
 */
export class LanbillingManager {
  readonly client: LanbillingClient;
  constructor(url: string) {
    this.client = new LanbillingClient({ url, login: DEFAULT_LANBILLING_MANAGER.login, password: DEFAULT_LANBILLING_MANAGER.pass, timeoutMs: 5000, logger: createLogger({ level: 'silent' }), system: 'lanbilling' });
  }

  async createCustomer(name: string, balance: number): Promise<{ uid: number; agrmid: number }> {
    const uid = await insupdAccount(this.client, { name, type: 2 });
    const agrmid = await insupdAgreement(this.client, { uid, operid: 1, curid: 1, number: `A-${uid}`, balance, credit: 0 });
    return { uid, agrmid };
  }

  /** A new учётная запись at this address with the intercom login addon (starts switched off). */
  async createAccount(agrmid: number, login: string | undefined, address: string): Promise<string> {
    const addons: Record<string, string> = login ? { isvyaz_login: login } : {};
    const vgroup = { agrmid, id: INTERCOM.agentid, tarid: INTERCOM.tarid, login: `vg-${Date.now()}-${Math.random().toString(36).slice(2, 6)}` };
    return String(await insupdVgroup(this.client, { vgroup, addons, address }));
  }

  activate = (vgid: string) => blkVgroup(this.client, { vgid: Number(vgid), blk: 10, state: 'off' });
  block = (vgid: string) => blkVgroup(this.client, { vgid: Number(vgid), blk: 3, state: 'on' });
  unblock = (vgid: string) => blkVgroup(this.client, { vgid: Number(vgid), blk: 3, state: 'off' });
  switchOff = (vgid: string) => blkVgroup(this.client, { vgid: Number(vgid), blk: 10, state: 'on' });
  setLogin = (vgid: string, login: string) => setVgroupAddon(this.client, { vgid: Number(vgid), name: 'isvyaz_login', value: login, agentid: INTERCOM.agentid });

  /** Starts an hour ago, so that ending it "now" is after its start. */
  addIntercom = (vgid: string) =>
    insupdUsboxService(this.client, { vgid: Number(vgid), tarid: INTERCOM.tarid, catidx: INTERCOM.catidx, timefrom: formatLbDate(new Date(Date.now() - 3600_000)) });
  /** Ends the periodic service now, as a manager does to stop it. */
  endService = (_vgid: string, servid: number) => stopUsboxService(this.client, { servid, timeto: formatLbDate(new Date()) });

  pay = (agrmid: number, amount: number) => payment(this.client, { agrmid, amount, receipt: `pay-${Date.now()}-${Math.random()}` });
}
