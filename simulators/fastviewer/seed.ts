import { z } from 'zod';
import type { FastViewerPlatform, License } from './platform';

const settingsShape = {
  display: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  functions: z.array(z.string().min(1)).optional(),
  branding: z.record(z.string(), z.string()).optional(),
};

const isoTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** What `seed()` accepts; every part is optional and adds to what is there. */
export const fastViewerSeedSchema = z.object({
  resellers: z
    .array(
      z.object({
        user: z.string().min(1),
        key: z.string().min(1),
        parents: z.array(z.object({ licenseNumber: z.string().regex(/^\d+$/), name: z.string().min(1), lines: z.number().int().positive().default(10) })).default([]),
      }),
    )
    .default([]),
  profiles: z.array(z.object({ id: z.string().min(1).optional(), parentLicense: z.string().min(1), name: z.string().min(1), ...settingsShape })).default([]),
  licenses: z
    .array(
      z.object({
        licenseNumber: z.string().regex(/^\d+$/).optional(),
        parentLicense: z.string().min(1),
        externalReference: z.string().min(1).optional(),
        name: z.string().min(1),
        email: z.string().optional(),
        profileId: z.string().optional(),
        lines: z.number().int().positive(),
        blocked: z.boolean().default(false),
        trialEndsAt: isoTime.optional(),
      }),
    )
    .default([]),
  /** Finished sessions, as the usage history of a license. */
  usage: z.array(z.object({ licenseNumber: z.string().min(1), startedAt: isoTime, endedAt: isoTime })).default([]),
  generate: z.lazy(() => generateSchema).optional(),
});
export type FastViewerSeed = z.input<typeof fastViewerSeedSchema>;

export const generateSchema = z
  .object({
    parentLicense: z.string().min(1),
    /** How many child licenses to create. */
    licenses: z.number().int().positive(),
    sessionsPerLicense: z.number().int().nonnegative(),
    /** The period the sessions fall in, [from, to). */
    from: isoTime,
    to: isoTime,
    /** Same seed, same data. */
    seed: z.number().int().default(1),
    minSeconds: z.number().int().positive().default(60),
    maxSeconds: z.number().int().positive().default(3600),
    lines: z.number().int().positive().default(2),
  })
  .refine((g) => g.maxSeconds >= g.minSeconds, { message: 'maxSeconds must be >= minSeconds', path: ['maxSeconds'] })
  .refine((g) => g.to - g.from >= g.maxSeconds * 1000, { message: 'the period must be longer than maxSeconds', path: ['to'] });
export type GenerateUsageOptions = z.input<typeof generateSchema>;

export interface GeneratedUsage {
  licenses: number;
  sessions: number;
  /** Sum of every session's seconds: what a month-end run over [from, to) must bill. */
  seconds: number;
  firstLicense?: string;
  lastLicense?: string;
}

/**
 * Checks the shape of the whole seed before touching anything, then applies it in order;
 * an entry naming a license that does not exist stops there with a message naming it.
 */
export function applySeed(platform: FastViewerPlatform, data: unknown): GeneratedUsage | undefined {
  const parsed = fastViewerSeedSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid FastViewer seed at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const seed = parsed.data;
  for (const r of seed.resellers) {
    const reseller = platform.resellers.get(r.user) ?? { user: r.user, key: r.key, parentLicenses: [] };
    reseller.key = r.key;
    platform.resellers.set(r.user, reseller);
    for (const p of r.parents) platform.addParent(reseller, p);
  }
  for (const p of seed.profiles) {
    if (!platform.licenses.has(p.parentLicense)) throw new Error(`invalid FastViewer seed: profile "${p.name}" names unknown parent ${p.parentLicense}`);
    platform.saveProfile(p);
  }
  for (const l of seed.licenses) {
    const now = platform.now();
    const license: License = {
      licenseNumber: l.licenseNumber ?? platform.takeLicenseNumber(),
      parentLicense: l.parentLicense,
      externalReference: l.externalReference,
      name: l.name,
      email: l.email,
      profileId: l.profileId,
      lines: l.lines,
      blocked: l.blocked,
      trial: l.trialEndsAt !== undefined,
      trialEndsAt: l.trialEndsAt,
      createdAt: now,
      updatedAt: now,
    };
    platform.licenses.set(license.licenseNumber, license);
  }
  let usageNumber = 9_000_000_000;
  for (const u of seed.usage) {
    const license = platform.licenses.get(u.licenseNumber);
    if (!license?.parentLicense) throw new Error(`invalid FastViewer seed: usage names unknown child license ${u.licenseNumber}`);
    platform.usage.record(u.licenseNumber, license.parentLicense, usageNumber++, Math.floor(u.startedAt / 1000), Math.ceil(u.endedAt / 1000));
  }
  return seed.generate === undefined ? undefined : generate(platform, seed.generate);
}

/**
 * Creates licenses with a month of finished sessions for the billing benchmark without going
 * through the interfaces: 10,000 licenses × 100 sessions take about a second and little memory
 * (sessions are stored as columns of numbers, see UsageStore).
 */
export function generateUsage(platform: FastViewerPlatform, input: GenerateUsageOptions): GeneratedUsage {
  const parsed = generateSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`generateUsage: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return generate(platform, parsed.data);
}

function generate(platform: FastViewerPlatform, options: z.output<typeof generateSchema>): GeneratedUsage {
  if (!platform.licenses.has(options.parentLicense)) throw new Error(`generateUsage: unknown parent license ${options.parentLicense}`);
  const random = mulberry32(options.seed);
  const from = Math.ceil(options.from / 1000);
  const span = Math.floor(options.to / 1000) - from - options.maxSeconds;
  const now = platform.now();
  let sessionNumber = 1_000_000_000 + platform.usage.size;
  let seconds = 0;
  let firstLicense: string | undefined;
  let lastLicense: string | undefined;
  for (let l = 0; l < options.licenses; l++) {
    const licenseNumber = platform.takeLicenseNumber();
    platform.licenses.set(licenseNumber, {
      licenseNumber,
      parentLicense: options.parentLicense,
      externalReference: `generated-${licenseNumber}`,
      name: `Generated licensee ${l + 1}`,
      lines: options.lines,
      blocked: false,
      trial: false,
      createdAt: now,
      updatedAt: now,
    });
    const starts = Array.from({ length: options.sessionsPerLicense }, () => from + Math.floor(random() * span)).sort((a, b) => a - b);
    const ends = starts.map((s) => {
      const duration = options.minSeconds + Math.floor(random() * (options.maxSeconds - options.minSeconds + 1));
      seconds += duration;
      return s + duration;
    });
    const numbers = starts.map(() => sessionNumber++);
    if (starts.length > 0) platform.usage.bulkLoad(licenseNumber, options.parentLicense, starts, ends, numbers);
    firstLicense ??= licenseNumber;
    lastLicense = licenseNumber;
  }
  return { licenses: options.licenses, sessions: options.licenses * options.sessionsPerLicense, seconds, firstLicense, lastLicense };
}

/** A small seeded PRNG: generated data must be the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
