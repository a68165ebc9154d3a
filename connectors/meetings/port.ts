import type { SessionBooking, SessionProgress } from '../../domain/session';
import { definePort } from '../ports';
/**
 * The port for meeting-license platforms (FastViewer-style ASP resellers): licenses created
 * under the reseller's parent license, with a profile inherited from the parent and a number of
 * concurrent lines, trials, per-second usage for month-end billing, and session planning and
 * control. Every write is safe to retry: licenses are found by the billing side's external id
 * before one is created, sessions are booked with a caller reference, and "already in that
 * state" answers count as success.
 *
 * Times are ISO 8601 strings in UTC; durations are whole seconds.
 */

export type LicenseStatus = 'active' | 'blocked' | 'expired';

export interface LicenseSettings {
  display: Record<string, string | number | boolean>;
  functions: string[];
  branding: Record<string, string>;
}

export interface MeetingLicense {
  licenseNumber: string;
  parentLicense: string;
  /** The billing side's key for this license (e.g. "lanbilling:42"), unique under the parent. */
  externalId?: string;
  name: string;
  email?: string;
  profileId?: string;
  profileName?: string;
  /** Concurrent lines: how many sessions may run at once. */
  lines: number;
  status: LicenseStatus;
  trial: boolean;
  trialEndsAt?: string;
  runningSessions: number;
  /** What is in force now: the profile's settings as the parent defines them today, or the vendor's standard. */
  settings: LicenseSettings;
}

export interface LicenseProfile extends LicenseSettings {
  id: string;
  parentLicense: string;
  name: string;
}

export interface EnsureLicenseInput {
  externalId: string;
  /** Defaults to the connector's configured parent license. */
  parentLicense?: string;
  name: string;
  email?: string;
  /** A profile defined on the parent; null or absent: no profile. */
  profileId?: string | null;
  lines: number;
  /** Creates a trial that expires after this many days (only when the license does not exist yet). */
  trialDays?: number;
}

/** A session as the platform keeps it, with the recorded time it bills. */
export interface MeetingSession extends SessionBooking, SessionProgress {
  sessionNumber: string;
  licenseNumber: string;
  recordedSeconds: number;
}

export interface UsagePeriod {
  /** Inclusive start, ISO 8601. */
  from: string;
  /** Exclusive end, ISO 8601. */
  to: string;
}

export interface UsageSession {
  sessionNumber: string;
  licenseNumber: string;
  parentLicense: string;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  /** The part of the session inside the queried period: what that period bills. */
  secondsInPeriod: number;
}

export interface LicenseUsageTotal {
  licenseNumber: string;
  sessions: number;
  seconds: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last one. */
  nextCursor?: string;
}

export interface MeetingLicensePlatform {
  readonly name: string;
  readonly kind: string;
  /** Link before create: the license with this externalId under the parent is brought in line (name, lines, profile); else it is created. */
  ensureLicense(input: EnsureLicenseInput): Promise<{ license: MeetingLicense; created: boolean }>;
  setLines(input: { licenseNumber: string; lines: number }): Promise<MeetingLicense>;
  setProfile(input: { licenseNumber: string; profileId: string | null }): Promise<MeetingLicense>;
  /** Blocks or unblocks the license; a blocked license cannot book or start sessions. */
  setBlocked(input: { licenseNumber: string; blocked: boolean }): Promise<MeetingLicense>;
  /** Deletes the license (its usage stays billable). Missing is fine: `deleted` is false then. */
  deleteLicense(input: { licenseNumber: string }): Promise<{ deleted: boolean }>;
  /** Turns a trial into a full license; a license that is no trial is returned as it is. */
  convertTrial(input: { licenseNumber: string }): Promise<MeetingLicense>;
  readLicense(input: { licenseNumber: string }): Promise<MeetingLicense | undefined>;
  findLicense(input: { externalId: string; parentLicense?: string }): Promise<MeetingLicense | undefined>;
  listProfiles(input?: { parentLicense?: string }): Promise<LicenseProfile[]>;
  /** Finished sessions overlapping the period, of one license or of every license under a parent. */
  usageSessions(input: ({ licenseNumber: string } | { parentLicense?: string }) & UsagePeriod & { cursor?: string; limit?: number }): Promise<Page<UsageSession>>;
  /** Seconds and sessions per license under a parent for the period: the month-end billing's input. */
  usageTotals(input: { parentLicense?: string; cursor?: string; limit?: number } & UsagePeriod): Promise<Page<LicenseUsageTotal>>;
  /** Books a session; the same reference for the same license returns the same session. */
  bookSession(input: { licenseNumber: string; reference: string; subject?: string; plannedStart?: string; plannedMinutes?: number }): Promise<MeetingSession>;
  /** Starts a booked session; it takes one of the license's lines until it ends. */
  startSession(input: { sessionNumber: string }): Promise<MeetingSession>;
  sessionInfo(input: { sessionNumber: string }): Promise<MeetingSession>;
  startRecording(input: { sessionNumber: string }): Promise<MeetingSession>;
  stopRecording(input: { sessionNumber: string }): Promise<MeetingSession>;
  cancelSession(input: { sessionNumber: string }): Promise<MeetingSession>;
  endSession(input: { sessionNumber: string }): Promise<MeetingSession>;
  health(): Promise<void>;
}

export const meetingPort = definePort<MeetingLicensePlatform>('meeting', 'meeting license platform');

/**
 * Why a platform refused a license or session call, for the refusals a caller can act on: every
 * concurrent line in use, the license blocked or its trial expired, the session not in a state
 * for the call, a function the license's profile lacks. A connector's permanent errors carry it
 * as `refusal` when the platform's answer says which.
 */
export type MeetingRefusal = 'quota_exceeded' | 'license_blocked' | 'trial_expired' | 'session_state' | 'function_not_available';

export function meetingRefusalOf(err: unknown): MeetingRefusal | undefined {
  const refusal = (err as { refusal?: unknown } | null)?.refusal;
  return typeof refusal === 'string' ? (refusal as MeetingRefusal) : undefined;
}
