import { z } from 'zod';
import type { LicenseProfile, LicenseUsageTotal, MeetingLicense, MeetingSession, UsageSession } from '../meetings/port';

/**
 * What the FastViewer interfaces answer, as subsync reads it. FastViewer publishes no reference:
 * the shapes follow the simulator (simulators/fastviewer/README.md). Unknown members are
 * ignored, so a field the vendor adds later does not break a read.
 */

export const licenseNumberSchema = z.string().regex(/^\d+$/, 'must be a license number (digits)');
export const sessionNumberSchema = z.string().regex(/^\d+$/, 'must be a session number (digits)');
export const isoSchema = z.iso.datetime({ offset: true });

const settingsSchema = z.object({
  display: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  functions: z.array(z.string()),
  branding: z.record(z.string(), z.string()),
});

export const licenseSchema = z
  .object({
    licenseNumber: licenseNumberSchema,
    parentLicense: licenseNumberSchema,
    externalReference: z.string().optional(),
    name: z.string(),
    email: z.string().optional(),
    profileId: z.string().optional(),
    profileName: z.string().optional(),
    lines: z.number().int(),
    status: z.enum(['active', 'blocked', 'expired']),
    trial: z.boolean(),
    trialEndsAt: isoSchema.optional(),
    runningSessions: z.number().int(),
    settings: settingsSchema,
  })
  .transform(({ externalReference, ...l }): MeetingLicense => strip({ ...l, externalId: externalReference }));

export const profileSchema = z
  .object({ id: z.string(), parentLicense: z.string(), name: z.string() })
  .extend(settingsSchema.shape)
  .transform((p): LicenseProfile => p);

export const sessionSchema = z
  .object({
    sessionNumber: sessionNumberSchema,
    licenseNumber: licenseNumberSchema,
    status: z.enum(['booked', 'running', 'ended', 'cancelled']),
    subject: z.string().optional(),
    plannedStart: isoSchema.optional(),
    plannedMinutes: z.number().int().optional(),
    reference: z.string().optional(),
    bookedAt: isoSchema,
    startedAt: isoSchema.optional(),
    endedAt: isoSchema.optional(),
    durationSeconds: z.number().int().nonnegative(),
    recording: z.boolean(),
    recordedSeconds: z.number().int().nonnegative(),
  })
  .transform((s): MeetingSession => s);

export const usageSessionSchema = z
  .object({
    sessionNumber: sessionNumberSchema,
    licenseNumber: licenseNumberSchema,
    parentLicense: licenseNumberSchema,
    startedAt: isoSchema,
    endedAt: isoSchema,
    durationSeconds: z.number().int().nonnegative(),
    secondsInPeriod: z.number().int().nonnegative(),
  })
  .transform((u): UsageSession => u);

export const usageTotalSchema = z
  .object({ licenseNumber: licenseNumberSchema, sessions: z.number().int().nonnegative(), seconds: z.number().int().nonnegative() })
  .transform((t): LicenseUsageTotal => t);

/** Optional members that are absent stay absent (never `key: undefined`). */
function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
