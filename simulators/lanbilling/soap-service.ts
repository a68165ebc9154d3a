import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { LbFault, invalid } from './lb-fault';
import type { SessionStore } from './sessions';
import type { LanbillingStore } from './store';

/**
 * The api3 operations as node-soap service handlers. Each checks the session first (as the
 * real core does: an anonymous call learns nothing), then validates its arguments against
 * the shapes in api3.wsdl and answers faults naming the wire path of a bad field.
 */

const long = z.number().int();
const text = z.string();

// An empty <flt/> arrives as null.
const filter = z.preprocess(
  (value) => value ?? {},
  z.object({ agrmid: long.optional(), archive: long.optional(), pgnum: long.optional(), pgsize: long.optional(), userid: long.optional(), vgid: long.optional(), login: text.optional() }),
);
const filterArgs = z.object({ flt: filter });
const idArgs = z.object({ id: long });
const isInsert = long.refine((v) => v === 0 || v === 1, 'must be 0 (update) or 1 (insert)');

const addon = z.object({ vgid: long, name: text, strvalue: text.default('') });

const schemas = {
  Login: z.object({ login: text, pass: text.default('') }),
  insupdAccount: z.object({
    isInsert,
    val: z.object({
      account: z.object({
        uid: long.optional(), type: long, login: text.optional(), pass: text.optional(), name: text,
        descr: text.optional(), email: text.optional(), phone: text.optional(), mobile: text.optional(),
      }),
    }),
  }),
  insupdAgreement: z.object({
    isInsert,
    val: z.object({ agrmid: long.optional(), uid: long, number: text, balance: z.number().optional(), credit: z.number().optional(), date: text.optional() }),
  }),
  insupdVgroup: z.object({
    isInsert,
    val: z.object({
      vgroup: z.object({ vgid: long.optional(), agrmid: long, agentid: long, tarid: long, login: text, pass: text.optional(), descr: text.optional() }),
      addons: z.array(addon.extend({ vgid: long.optional() })).default([]),
    }),
  }),
  blkVgroup: z.object({ id: long, blk: long, state: text, comment: text.optional() }),
  setVgroupAddon: z.object({ val: addon }),
  insupdUsboxService: z.object({
    isInsert,
    val: z.object({
      servid: long.optional(), vgid: long, tarid: long.optional(), catidx: text, mul: z.number(),
      comment: text.optional(), timefrom: text.optional(), timeto: text.optional(), externaldata: text.optional(),
    }),
  }),
  Payment: z.object({
    val: z.object({ agrmid: long, amount: z.number(), receipt: text, comment: text.optional(), classid: long.optional(), paydate: text.optional() }),
  }),
};

type Handler = (args: unknown, callback: unknown, headers: unknown, req: IncomingMessage, res: ServerResponse) => unknown;

export function createApi3Service(store: LanbillingStore, sessions: SessionStore) {
  const authorized = <S extends z.ZodType>(schema: S, run: (args: z.output<S>) => unknown): Handler =>
    (args, _callback, _headers, req) => answer(() => {
      sessions.require(req);
      return run(parseArgs(schema, args));
    });

  const operations: Record<string, Handler> = {
    Login: (args, _callback, _headers, _req, res) => answer(() => {
      const { login, pass } = parseArgs(schemas.Login, args);
      const session = sessions.login(login, pass);
      res.setHeader('Set-Cookie', `sessnum=${session.token}; path=/; HttpOnly`);
      return { ret: [{ manager: { personid: session.personid, isadmin: 1, login, fio: login } }] };
    }),
    Logout: (_args, _callback, _headers, req) => answer(() => {
      sessions.logout(req);
      return { ret: 1 };
    }),
    getAccounts: authorized(filterArgs, ({ flt }) => ({ ret: store.getAccounts(flt) })),
    insupdAccount: authorized(schemas.insupdAccount, ({ isInsert, val }) => ({ ret: store.insupdAccount(isInsert === 1, val.account) })),
    getAgreements: authorized(filterArgs, ({ flt }) => ({ ret: store.getAgreements(flt) })),
    insupdAgreement: authorized(schemas.insupdAgreement, ({ isInsert, val }) => ({ ret: store.insupdAgreement(isInsert === 1, val) })),
    getVgroups: authorized(filterArgs, ({ flt }) => ({ ret: store.getVgroups(flt) })),
    insupdVgroup: authorized(schemas.insupdVgroup, ({ isInsert, val }) => ({
      // Addons sent with a new vgroup cannot know its vgid yet; they belong to the vgroup in the same call.
      ret: store.insupdVgroup(isInsert === 1, val.vgroup, val.addons.map((a) => ({ ...a, vgid: a.vgid ?? 0 }))),
    })),
    blkVgroup: authorized(schemas.blkVgroup, ({ id, blk, state }) => ({ ret: store.blkVgroup(id, blk, state) })),
    delVgroup: authorized(idArgs, ({ id }) => ({ ret: store.delVgroup(id) })),
    getVgroupAddons: authorized(idArgs, ({ id }) => ({ ret: store.getVgroupAddons(id) })),
    setVgroupAddon: authorized(schemas.setVgroupAddon, ({ val }) => ({ ret: store.setVgroupAddon(val) })),
    getUsboxServices: authorized(filterArgs, ({ flt }) => ({ ret: store.getUsboxServices(flt) })),
    insupdUsboxService: authorized(schemas.insupdUsboxService, ({ isInsert, val }) => ({ ret: store.insupdUsboxService(isInsert === 1, val) })),
    delUsboxService: authorized(idArgs, ({ id }) => ({ ret: store.delUsboxService(id) })),
    Payment: authorized(schemas.Payment, ({ val }) => ({ ret: store.payment(val) })),
    getPayments: authorized(filterArgs, ({ flt }) => ({ ret: store.getPayments(flt) })),
  };
  return { api3: { api3: operations } };
}

function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw invalid(issue.path.join('.') || '(request)', issue.message);
}

/** Runs a handler body and turns its failure into the Fault node-soap serialises. */
function answer(run: () => unknown): unknown {
  try {
    return run();
  } catch (err) {
    const fault = err instanceof LbFault ? err : new LbFault('Server', `Internal error: ${err instanceof Error ? err.message : String(err)}`);
    throw fault.toNodeSoap();
  }
}
