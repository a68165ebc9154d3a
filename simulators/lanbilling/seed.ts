import { z } from 'zod';
import { LbFault } from './lb-fault';
import { BLOCK, LanbillingStore } from './store';

/**
 * The simulator's seed format: абоненты with their договоры, each with its учётные записи,
 * their address, addon values and periodic services. Ids are optional (allocated when absent).
 * Documented with an example in README.md.
 */
/**
 * The intercom set-up of the demo and the tests: the intercom agent, its tariff, and the
 * tariff's category of the monthly intercom fee (the connector's default serviceCategories).
 */
export const INTERCOM = { agentid: 7, tarid: 3, catidx: 1 } as const;

const blockCode = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(10)]);

const seedService = z.object({
  servid: z.number().int().positive().optional(),
  /** Tariff of the service; the vgroup's when absent. */
  tarid: z.number().int().positive().optional(),
  /** Category index within the tariff (api3's catidx). */
  catidx: z.number().int().nonnegative(),
  mul: z.number().positive().default(1),
  timefrom: z.string().optional(),
  timeto: z.string().optional(),
  comment: z.string().optional(),
});

const seedVgroup = z
  .object({
    vgid: z.number().int().positive().optional(),
    login: z.string().min(1),
    agentid: z.number().int().positive().default(1),
    tarid: z.number().int().positive().default(1),
    descr: z.string().optional(),
    /** The vgroup's address (the apartment), stored as one soapAddressBrief of type 0. */
    address: z.string().optional(),
    /** False leaves the vgroup as created: switched off and never activated ("new"). */
    activated: z.boolean().default(true),
    blocked: blockCode.optional(),
    addons: z.record(z.string(), z.string()).default({}),
    services: z.array(seedService).default([]),
  })
  .refine((v) => v.activated || v.blocked !== 0, { message: 'a vgroup that was never activated cannot have blocked 0', path: ['blocked'] });

const seedAgreement = z.object({
  agrmid: z.number().int().positive().optional(),
  number: z.string().min(1),
  balance: z.number().default(0),
  credit: z.number().nonnegative().default(0),
  operid: z.number().int().positive().default(1),
  curid: z.number().int().positive().default(1),
  vgroups: z.array(seedVgroup).default([]),
});

const seedAccount = z.object({
  uid: z.number().int().positive().optional(),
  type: z.union([z.literal(1), z.literal(2)]).default(2),
  name: z.string().min(1),
  login: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  mobile: z.string().optional(),
  agreements: z.array(seedAgreement).default([]),
});

export const lanbillingSeedSchema = z.object({
  addonFields: z.array(z.object({ name: z.string().min(1), descr: z.string().optional() })).default([]),
  accounts: z.array(seedAccount).default([]),
});
export type LanbillingSeed = z.input<typeof lanbillingSeedSchema>;

/** Adds the seed to the current data. A bad seed throws an error with statusCode 400 naming the place. */
export function applySeed(store: LanbillingStore, input: unknown): void {
  const parsed = lanbillingSeedSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw seedError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const seed = parsed.data;
  seed.addonFields.forEach((field) => store.defineAddonField(field));
  seed.accounts.forEach((account, a) =>
    at(`accounts.${a}`, () => {
      const uid = store.insupdAccount(true, 0, { ...account, login: account.login ?? '', pass: '' }, { id: account.uid });
      account.agreements.forEach((agreement, g) =>
        at(`accounts.${a}.agreements.${g}`, () => {
          const agrmid = store.insupdAgreement(true, 0, { ...agreement, uid }, { id: agreement.agrmid });
          agreement.vgroups.forEach((vgroup, v) => at(`accounts.${a}.agreements.${g}.vgroups.${v}`, () => seedVgroupInto(store, agrmid, vgroup)));
        }),
      );
    }),
  );
}

function seedVgroupInto(store: LanbillingStore, agrmid: number, vgroup: z.output<typeof seedVgroup>): void {
  const addons = Object.entries(vgroup.addons).map(([name, strvalue]) => ({ name, strvalue }));
  const addresses = vgroup.address === undefined ? [] : [{ type: 0, code: '', address: vgroup.address }];
  const vgid = store.insupdVgroup(true, 0, { ...vgroup, agrmid }, addons, addresses, { id: vgroup.vgid });
  if (vgroup.activated) store.blkVgroup(vgid, BLOCK.off, 'off');
  if (vgroup.blocked !== undefined && vgroup.blocked !== BLOCK.none) store.blkVgroup(vgid, vgroup.blocked, 'on');
  for (const service of vgroup.services) store.insupdUsboxService(true, 0, { ...service, tarid: service.tarid ?? vgroup.tarid, vgid }, { id: service.servid });
}

function at(path: string, run: () => void): void {
  try {
    run();
  } catch (err) {
    if (err instanceof LbFault) throw seedError(`${path}: ${err.message}`);
    throw err;
  }
}

function seedError(message: string): Error {
  return Object.assign(new Error(`invalid LANBilling seed: ${message}`), { statusCode: 400 });
}
