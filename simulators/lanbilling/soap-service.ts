import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { soapHandlers } from '../kit/soap-handlers';
import { FilterField, readFilter, refuseOrdering } from './filter';
import { invalid, LbFault } from './lb-fault';
import type { SessionStore } from './sessions';
import type { Actor, LanbillingStore } from './store';
import type { Wire } from './wire';

/**
 * The api3 operations as node-soap service handlers. Each checks the session first (as the
 * real core does: an anonymous call learns nothing), reads its arguments by the vendor's
 * element names and answers through the Wire, so every answer has the shape of the vendor's
 * response type. Operations of the vendor's WSDL the simulator does not implement answer a
 * Server fault saying so.
 */

const long = z.number().int();
const text = z.string();
/** A repeated element: node-soap gives an array, a single object or nothing. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const isInsert = long.refine((v) => v === 0 || v === 1, 'must be 0 (update) or 1 (insert)');
const listArgs = z.object({ flt: z.unknown().optional(), ord: z.unknown().optional() });
const idArgs = z.object({ id: long });

const address = z.object({ type: long, code: text.default(''), address: text.default('') });

const schemas = {
  Login: z.object({ login: text, pass: text.default('') }),
  insupdAccount: z.object({
    isInsert,
    val: z.object({
      account: z.object({
        uid: long, type: long, login: text.default(''), pass: text.default(''), name: text.default(''),
        descr: text.optional(), email: text.optional(), phone: text.optional(), mobile: text.optional(),
      }),
    }),
  }),
  insupdAgreement: z.object({
    isInsert,
    val: z.object({ agrmid: long, uid: long, operid: long, curid: long, balance: z.number().optional(), credit: z.number().optional(), number: text.default(''), date: text.optional() }),
  }),
  insupdVgroup: z.object({
    isInsert,
    val: z.object({
      vgroup: z.object({ vgid: long, tarid: long.default(0), agrmid: long.default(0), id: long.default(0), login: text.default(''), pass: text.optional(), descr: text.optional() }),
      addons: list(z.object({ name: text, strvalue: text.default('') })),
      addresses: list(address),
    }),
  }),
  blkVgroup: z.object({ id: long, blk: long.default(-1), state: text.default(''), comment: text.default('') }),
  setVgroupAddon: z.object({ val: z.object({ vgid: long, name: text, strvalue: text.default('') }) }),
  insupdUsboxService: z.object({
    isInsert,
    val: z.object({
      servid: long.default(0), vgid: long, tarid: long, catidx: long, mul: z.number(),
      comment: text.optional(), timefrom: text.optional(), timeto: text.optional(), externaldata: text.optional(),
    }),
  }),
  stopUsboxService: z.object({ id: long, timeto: text.default('') }),
  delUsboxService: z.object({ id: long, notusbox: long.default(0) }),
  Payment: z.object({
    val: z.object({ agrmid: long, amount: z.number(), classid: long.optional(), paydate: text.optional(), receipt: text.optional(), comment: text.optional() }),
  }),
};

type Handler = (args: unknown, callback: unknown, headers: unknown, req: IncomingMessage, res: ServerResponse) => unknown;

/** The soapFilter elements each get* call honours. */
const FILTERS: Record<string, readonly FilterField[]> = {
  getAccounts: ['userid', 'login', 'pgnum', 'pgsize'],
  getAgreements: ['agrmid', 'userid', 'agrmnum', 'pgnum', 'pgsize'],
  getVgroups: ['vgid', 'agrmid', 'userid', 'agentid', 'tarid', 'login', 'archive', 'pgnum', 'pgsize'],
  getUsboxServices: ['vgid', 'agrmid', 'userid', 'tarid', 'catidx', 'pgnum', 'pgsize'],
  getPayments: ['agrmid', 'userid', 'recordid', 'receipt', 'pgnum', 'pgsize'],
  getBlockRasp: ['vgid', 'pgnum', 'pgsize'],
};

export function createApi3Service(store: LanbillingStore, sessions: SessionStore, wire: Wire, vendorOperations: string[]): { operations: Record<string, Handler>; implemented: string[] } {
  const authorized = <S extends z.ZodType>(operation: string, schema: S, run: (args: z.output<S>, actor: Actor) => Record<string, unknown>): Handler =>
    (args, _callback, _headers, req) => answer(() => {
      const actor = sessions.require(req);
      return wire.response(operation, run(parseArgs(schema, args), actor));
    });
  const listing = (operation: string, run: (flt: ReturnType<typeof readFilter>) => unknown[]): Handler =>
    authorized(operation, listArgs, ({ flt, ord }) => {
      refuseOrdering(operation, ord);
      return { ret: run(readFilter(wire, operation, flt, FILTERS[operation]!)) };
    });

  const operations: Record<string, Handler> = {
    Login: (args, _callback, _headers, _req, res) => answer(() => {
      const { login, pass } = parseArgs(schemas.Login, args);
      const session = sessions.login(login, pass);
      res.setHeader('Set-Cookie', `sessnum=${session.token}; path=/; HttpOnly`);
      return wire.response('Login', { ret: [{ manager: { personid: session.personid, login, fio: login } }] });
    }),
    Logout: (_args, _callback, _headers, req) => answer(() => {
      sessions.logout(req);
      return wire.response('Logout', { ret: 1 });
    }),
    getAccounts: listing('getAccounts', (flt) => store.getAccounts(flt)),
    insupdAccount: authorized('insupdAccount', schemas.insupdAccount, ({ isInsert, val: { account } }) => ({
      ret: store.insupdAccount(isInsert === 1, account.uid, account),
    })),
    getAgreements: listing('getAgreements', (flt) => store.getAgreements(flt)),
    insupdAgreement: authorized('insupdAgreement', schemas.insupdAgreement, ({ isInsert, val }) => ({ ret: store.insupdAgreement(isInsert === 1, val.agrmid, val) })),
    getVgroups: listing('getVgroups', (flt) => store.getVgroups(flt)),
    getVgroup: authorized('getVgroup', idArgs, ({ id }) => ({ ret: [store.getVgroup(id)] })),
    insupdVgroup: authorized('insupdVgroup', schemas.insupdVgroup, ({ isInsert, val }) => ({
      ret: store.insupdVgroup(isInsert === 1, val.vgroup.vgid, { ...val.vgroup, agentid: val.vgroup.id }, val.addons, val.addresses),
    })),
    blkVgroup: authorized('blkVgroup', schemas.blkVgroup, ({ id, blk, state, comment }, actor) => ({ ret: store.blkVgroup(id, blk, state, comment, actor) })),
    getBlockRasp: listing('getBlockRasp', (flt) => store.getBlockRasp(flt)),
    delVgroup: authorized('delVgroup', idArgs, ({ id }, actor) => ({ ret: store.delVgroup(id, actor) })),
    getVgroupAddons: authorized('getVgroupAddons', idArgs, ({ id }) => ({ ret: store.getVgroupAddons(id) })),
    setVgroupAddon: authorized('setVgroupAddon', schemas.setVgroupAddon, ({ val }) => ({ ret: store.setVgroupAddon(val.vgid, val) })),
    getUsboxServices: listing('getUsboxServices', (flt) => store.getUsboxServices(flt)),
    insupdUsboxService: authorized('insupdUsboxService', schemas.insupdUsboxService, ({ isInsert, val }) => ({ ret: store.insupdUsboxService(isInsert === 1, val.servid, val) })),
    stopUsboxService: authorized('stopUsboxService', schemas.stopUsboxService, ({ id, timeto }) => ({ ret: store.stopUsboxService(id, timeto) })),
    delUsboxService: authorized('delUsboxService', schemas.delUsboxService, ({ id, notusbox }) => {
      if (notusbox !== 0) throw new LbFault('Server', 'delUsboxService with notusbox is not supported by the LANBilling simulator', 'notusbox');
      return { ret: store.delUsboxService(id) };
    }),
    Payment: authorized('Payment', schemas.Payment, ({ val }, actor) => ({ ret: store.payment(val, actor) })),
    getPayments: listing('getPayments', (flt) => store.getPayments(flt)),
  };
  const implemented = Object.keys(operations);
  for (const operation of vendorOperations) {
    operations[operation] ??= (_args, _callback, _headers, req) => answer(() => {
      sessions.require(req);
      throw new LbFault('Server', `${operation} is not implemented by the LANBilling simulator`);
    });
  }
  return { operations, implemented };
}

const { parseArgs, answer } = soapHandlers({ fault: LbFault, internal: (message) => new LbFault('Server', message), invalid });
