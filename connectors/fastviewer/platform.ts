import { z } from 'zod';
import { PermanentError } from '../errors';
import type { EnsureLicenseInput, LicenseProfile, MeetingLicense, MeetingLicensePlatform, MeetingSession, Page, UsageSession, LicenseUsageTotal } from '../meetings/port';
import type { Logger } from '../../domain/logger';
import { FastViewerClient, parseInput } from './client';
import { FastViewerFaultError } from './errors';
import { bookSession } from './operations/book-session';
import { cancelSession } from './operations/cancel-session';
import { convertTrial } from './operations/convert-trial';
import { createLicense } from './operations/create-license';
import { createTrial } from './operations/create-trial';
import { deleteLicense } from './operations/delete-license';
import { endSession } from './operations/end-session';
import { getLicense } from './operations/get-license';
import { listLicenses } from './operations/list-licenses';
import { listProfiles } from './operations/list-profiles';
import { ping } from './operations/ping';
import { sessionInfo } from './operations/session-info';
import { startRecording } from './operations/start-recording';
import { startSession } from './operations/start-session';
import { stopRecording } from './operations/stop-recording';
import { updateLicense } from './operations/update-license';
import { usageSessions } from './operations/usage-sessions';
import { usageTotals } from './operations/usage-totals';
import { licenseNumberSchema } from './schemas';

const NOT_A_TRIAL = 17;

const ensureSchema = z.object({
  externalId: z.string().min(1).max(100),
  parentLicense: licenseNumberSchema.optional(),
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  profileId: z.string().min(1).nullable().optional(),
  lines: z.number().int().min(1).max(1000),
  trialDays: z.number().int().min(1).max(90).optional(),
});

type Scope = { licenseNumber: string } | { parentLicense?: string };

/**
 * FastViewer as a MeetingLicensePlatform. The billing side's key of a license is its
 * external reference under the parent, so a license is looked up before it is created and a
 * retried call finds what the first attempt made; writes that set a value are repeats when
 * retried, and "already in that state" answers (ended, cancelled, no trial) are successes.
 */
export class FastViewerLicensePlatform implements MeetingLicensePlatform {
  readonly kind = 'fastviewer';

  constructor(
    readonly name: string,
    private readonly client: FastViewerClient,
    private readonly defaultParent: string,
    private readonly logger: Logger,
  ) {}

  async ensureLicense(input: EnsureLicenseInput): Promise<{ license: MeetingLicense; created: boolean }> {
    const wanted = parseInput('ensureLicense', ensureSchema, input);
    const parentLicense = wanted.parentLicense ?? this.defaultParent;
    const existing = await this.findLicense({ externalId: wanted.externalId, parentLicense });
    if (existing) return { license: await this.align(existing, wanted), created: false };
    const license = { externalReference: wanted.externalId, name: wanted.name, email: wanted.email, profileId: wanted.profileId ?? undefined, lines: wanted.lines };
    try {
      const created =
        wanted.trialDays === undefined
          ? await createLicense(this.client, { parentLicense, license })
          : await createTrial(this.client, { parentLicense, license: { ...license, trialDays: wanted.trialDays } });
      this.logger.info({ licenseNumber: created.licenseNumber, parentLicense, externalId: wanted.externalId, trial: created.trial }, 'FastViewer license created');
      return { license: created, created: true };
    } catch (err) {
      if (!(err instanceof PermanentError && err.reason === 'conflict')) throw err;
      // Created meanwhile (a concurrent attempt, or an answer that was lost): use that one.
      const raced = await this.findLicense({ externalId: wanted.externalId, parentLicense });
      if (!raced) throw err;
      return { license: await this.align(raced, wanted), created: false };
    }
  }

  setLines(input: { licenseNumber: string; lines: number }): Promise<MeetingLicense> {
    return updateLicense(this.client, { licenseNumber: input.licenseNumber, changes: { lines: input.lines } });
  }

  setProfile(input: { licenseNumber: string; profileId: string | null }): Promise<MeetingLicense> {
    return updateLicense(this.client, { licenseNumber: input.licenseNumber, changes: { profileId: input.profileId ?? '' } });
  }

  setBlocked(input: { licenseNumber: string; blocked: boolean }): Promise<MeetingLicense> {
    return updateLicense(this.client, { licenseNumber: input.licenseNumber, changes: { blocked: input.blocked } });
  }

  async deleteLicense(input: { licenseNumber: string }): Promise<{ deleted: boolean }> {
    try {
      await deleteLicense(this.client, input);
    } catch (err) {
      if (err instanceof PermanentError && err.reason === 'not_found') return { deleted: false };
      throw err;
    }
    this.logger.info({ licenseNumber: input.licenseNumber }, 'FastViewer license deleted');
    return { deleted: true };
  }

  async convertTrial(input: { licenseNumber: string }): Promise<MeetingLicense> {
    const license = await getLicense(this.client, input);
    if (!license.trial) return license;
    try {
      return await convertTrial(this.client, input);
    } catch (err) {
      if (err instanceof FastViewerFaultError && err.faultCode === NOT_A_TRIAL) return getLicense(this.client, input);
      throw err;
    }
  }

  async readLicense(input: { licenseNumber: string }): Promise<MeetingLicense | undefined> {
    try {
      return await getLicense(this.client, input);
    } catch (err) {
      if (err instanceof PermanentError && err.reason === 'not_found') return undefined;
      throw err;
    }
  }

  async findLicense(input: { externalId: string; parentLicense?: string }): Promise<MeetingLicense | undefined> {
    const page = await listLicenses(this.client, { parentLicense: input.parentLicense ?? this.defaultParent, externalReference: input.externalId, limit: 2 });
    if (page.items.length > 1) {
      throw new PermanentError(this.name, 'findLicense', 'conflict', `${page.items.length} licenses have external reference "${input.externalId}"`);
    }
    return page.items[0];
  }

  listProfiles(input: { parentLicense?: string } = {}): Promise<LicenseProfile[]> {
    return listProfiles(this.client, { parentLicense: input.parentLicense ?? this.defaultParent });
  }

  usageSessions(input: Scope & { from: string; to: string; cursor?: string; limit?: number }): Promise<Page<UsageSession>> {
    const scope = 'licenseNumber' in input && input.licenseNumber !== undefined ? { licenseNumber: input.licenseNumber } : { parentLicense: (input as { parentLicense?: string }).parentLicense ?? this.defaultParent };
    return usageSessions(this.client, { ...scope, from: input.from, to: input.to, cursor: input.cursor, limit: input.limit });
  }

  usageTotals(input: { parentLicense?: string; from: string; to: string; cursor?: string; limit?: number }): Promise<Page<LicenseUsageTotal>> {
    return usageTotals(this.client, { ...input, parentLicense: input.parentLicense ?? this.defaultParent });
  }

  bookSession(input: { licenseNumber: string; reference: string; subject?: string; plannedStart?: string; plannedMinutes?: number }): Promise<MeetingSession> {
    const { licenseNumber, ...booking } = input;
    return bookSession(this.client, { licenseNumber, booking });
  }

  startSession(input: { sessionNumber: string }): Promise<MeetingSession> {
    return startSession(this.client, input);
  }

  sessionInfo(input: { sessionNumber: string }): Promise<MeetingSession> {
    return sessionInfo(this.client, input);
  }

  startRecording(input: { sessionNumber: string }): Promise<MeetingSession> {
    return startRecording(this.client, input);
  }

  stopRecording(input: { sessionNumber: string }): Promise<MeetingSession> {
    return stopRecording(this.client, input);
  }

  cancelSession(input: { sessionNumber: string }): Promise<MeetingSession> {
    return cancelSession(this.client, input);
  }

  endSession(input: { sessionNumber: string }): Promise<MeetingSession> {
    return endSession(this.client, input);
  }

  health(): Promise<void> {
    return ping(this.client);
  }

  /** Brings an existing license's name, e-mail, lines and profile in line; no write when they already are. */
  private async align(license: MeetingLicense, wanted: z.output<typeof ensureSchema>): Promise<MeetingLicense> {
    const changes: { name?: string; email?: string; profileId?: string; lines?: number } = {};
    if (license.name !== wanted.name) changes.name = wanted.name;
    if (wanted.email !== undefined && license.email !== wanted.email) changes.email = wanted.email;
    if (license.lines !== wanted.lines) changes.lines = wanted.lines;
    if (wanted.profileId !== undefined && (license.profileId ?? null) !== wanted.profileId) changes.profileId = wanted.profileId ?? '';
    if (Object.keys(changes).length === 0) return license;
    return updateLicense(this.client, { licenseNumber: license.licenseNumber, changes });
  }
}
