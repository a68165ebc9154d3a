import { z } from 'zod';
import { LbFault } from './lb-fault';
import { BLOCK, LanbillingStore } from './store';

/**
 * The simulator's seed format: абоненты with their договоры, each with its учётные записи,
 * their addon values and periodic services. Ids are optional (allocated when absent).
 * Documented with an example in README.md.
 */
const blockCode = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(10)]);

const seedService = z.object({
  servid: z.number().int().positive().optional(),
  catidx: z.string().min(1),
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
      const uid = store.insupdAccount(true, account, { id: account.uid });
      account.agreements.forEach((agreement, g) =>
        at(`accounts.${a}.agreements.${g}`, () => {
          const agrmid = store.insupdAgreement(true, { ...agreement, uid }, { id: agreement.agrmid });
          agreement.vgroups.forEach((vgroup, v) => at(`accounts.${a}.agreements.${g}.vgroups.${v}`, () => seedVgroupInto(store, agrmid, vgroup)));
        }),
      );
    }),
  );
}

function seedVgroupInto(store: LanbillingStore, agrmid: number, vgroup: z.output<typeof seedVgroup>): void {
  const addons = Object.entries(vgroup.addons).map(([name, strvalue]) => ({ vgid: 0, name, strvalue }));
  const vgid = store.insupdVgroup(true, { ...vgroup, agrmid }, addons, { id: vgroup.vgid });
  if (vgroup.activated) store.blkVgroup(vgid, BLOCK.off, 'off');
  if (vgroup.blocked !== undefined && vgroup.blocked !== BLOCK.none) store.blkVgroup(vgid, vgroup.blocked, 'on');
  for (const service of vgroup.services) store.insupdUsboxService(true, { ...service, vgid }, { id: service.servid });
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
