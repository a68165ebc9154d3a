import { randomInt } from 'node:crypto';
import { fault, FAULT } from './fault-codes';
import { compareLicense, UsageStore } from './usage-store';

/**
 * The simulated FastViewer licensing and session back end behind both interfaces. Parent
 * licenses belong to resellers (they are FastViewer's own licenses, seeded); every license a
 * reseller creates through the ASP interface hangs under one of them, may use a profile defined
 * on that parent (display options, functions, branding: read through, so a change on the
 * profile shows on every child at once), and has its own number of concurrent lines.
 */
export interface Reseller {
  user: string;
  key: string;
  parentLicenses: string[];
}

export interface ProfileSettings {
  display: Record<string, string | number | boolean>;
  functions: string[];
  branding: Record<string, string>;
}

export interface Profile extends ProfileSettings {
  id: string;
  parentLicense: string;
  name: string;
}

export interface License {
  licenseNumber: string;
  /** Absent for parent licenses. */
  parentLicense?: string;
  externalReference?: string;
  name: string;
  email?: string;
  profileId?: string;
  lines: number;
  blocked: boolean;
  trial: boolean;
  /** Epoch ms; trials only. */
  trialEndsAt?: number;
  createdAt: number;
  updatedAt: number;
}

export type LicenseStatus = 'active' | 'blocked' | 'expired';

export type SessionStatus = 'booked' | 'running' | 'ended' | 'cancelled';

export interface Session {
  sessionNumber: number;
  licenseNumber: string;
  parentLicense: string;
  status: SessionStatus;
  subject?: string;
  plannedStart?: number;
  plannedMinutes?: number;
  reference?: string;
  bookedAt: number;
  /** Whole epoch seconds. */
  startedAt?: number;
  endedAt?: number;
  recording: boolean;
  /** Seconds recorded so far, counting the stretch in progress. */
  recordedSeconds: number;
  recordingSince?: number;
}

/** What FastViewer gives a license that uses no profile. */
export const STANDARD_SETTINGS: ProfileSettings = {
  display: { language: 'de', theme: 'standard' },
  functions: ['remote_control', 'file_transfer', 'chat', 'whiteboard', 'recording'],
  branding: {},
};

export interface NewLicense {
  externalReference?: string;
  name: string;
  email?: string;
  profileId?: string;
  lines: number;
}

export interface LicenseChanges {
  name?: string;
  email?: string;
  /** '' removes the profile. */
  profileId?: string;
  lines?: number;
  blocked?: boolean;
}

export class FastViewerPlatform {
  readonly resellers = new Map<string, Reseller>();
  readonly licenses = new Map<string, License>();
  readonly profiles = new Map<string, Profile>();
  /** Booked, running and finished sessions booked through XML-RPC (generated usage lives only in `usage`). */
  readonly sessions = new Map<number, Session>();
  readonly usage = new UsageStore();
  private readonly running = new Map<string, number>();
  private readonly byReference = new Map<string, number>();
  private readonly issued = new Set<number>();
  private nextLicense = 200_001;
  private nextProfile = 1;

  constructor(readonly now: () => number) {}

  reset(): void {
    this.resellers.clear();
    this.licenses.clear();
    this.profiles.clear();
    this.sessions.clear();
    this.usage.clear();
    this.running.clear();
    this.byReference.clear();
    this.nextLicense = 200_001;
    this.nextProfile = 1;
  }

  /** The next free license number (generated and seeded licenses take numbers too). */
  takeLicenseNumber(): string {
    while (this.licenses.has(String(this.nextLicense))) this.nextLicense++;
    return String(this.nextLicense++);
  }

  authenticate(user: string, key: string): Reseller | undefined {
    const reseller = this.resellers.get(user);
    return reseller && reseller.key === key ? reseller : undefined;
  }

  // ---- parents and profiles (FastViewer's side and the portal) ----

  addParent(reseller: Reseller, license: { licenseNumber: string; name: string; lines: number }): License {
    const now = this.now();
    const parent: License = { ...license, blocked: false, trial: false, createdAt: now, updatedAt: now };
    this.licenses.set(parent.licenseNumber, parent);
    if (!reseller.parentLicenses.includes(parent.licenseNumber)) reseller.parentLicenses.push(parent.licenseNumber);
    return parent;
  }

  /** Defines or changes a profile on a parent license, as the parent's holder does in the portal. */
  saveProfile(input: { id?: string; parentLicense: string; name: string } & Partial<ProfileSettings>): Profile {
    const existing = input.id === undefined ? undefined : this.profiles.get(input.id);
    const profile: Profile = {
      id: existing?.id ?? input.id ?? `P${this.nextProfile++}`,
      parentLicense: input.parentLicense,
      name: input.name,
      display: input.display ?? existing?.display ?? { ...STANDARD_SETTINGS.display },
      functions: input.functions ?? existing?.functions ?? [...STANDARD_SETTINGS.functions],
      branding: input.branding ?? existing?.branding ?? {},
    };
    this.profiles.set(profile.id, profile);
    return profile;
  }

  profilesOf(reseller: Reseller, parentLicense: string): Profile[] {
    this.parentOf(reseller, parentLicense);
    return [...this.profiles.values()].filter((p) => p.parentLicense === parentLicense);
  }

  // ---- licenses (ASP interface) ----

  createLicense(reseller: Reseller, parentLicense: string | undefined, input: NewLicense, trialDays?: number): License {
    if (parentLicense === undefined || parentLicense === '') throw fault(FAULT.PARENT_REQUIRED, 'parentLicense is required: every license is created under a parent license');
    this.parentOf(reseller, parentLicense);
    if (input.profileId !== undefined) this.profileOn(parentLicense, input.profileId);
    if (input.externalReference !== undefined) {
      const taken = this.findByReference(parentLicense, input.externalReference);
      if (taken) throw fault(FAULT.LICENSE_EXISTS, `externalReference "${input.externalReference}" is already license ${taken.licenseNumber} under parent ${parentLicense}`);
    }
    const now = this.now();
    const license: License = {
      licenseNumber: this.takeLicenseNumber(),
      parentLicense,
      externalReference: input.externalReference,
      name: input.name,
      email: input.email,
      profileId: input.profileId,
      lines: input.lines,
      blocked: false,
      trial: trialDays !== undefined,
      trialEndsAt: trialDays === undefined ? undefined : now + trialDays * 86_400_000,
      createdAt: now,
      updatedAt: now,
    };
    this.licenses.set(license.licenseNumber, license);
    return license;
  }

  /** A child license of one of the reseller's parents. */
  license(reseller: Reseller, licenseNumber: string): License {
    const license = this.licenses.get(licenseNumber);
    if (!license || license.parentLicense === undefined || !reseller.parentLicenses.includes(license.parentLicense)) {
      throw fault(FAULT.LICENSE_NOT_FOUND, `license ${licenseNumber} not found`);
    }
    return license;
  }

  listLicenses(reseller: Reseller, parentLicense: string, filter: { externalReference?: string }, limit: number, after?: string): { licenses: License[]; nextCursor?: string } {
    this.parentOf(reseller, parentLicense);
    const all = [...this.licenses.values()]
      .filter((l) => l.parentLicense === parentLicense && (filter.externalReference === undefined || l.externalReference === filter.externalReference))
      .sort((a, b) => compareLicense(a.licenseNumber, b.licenseNumber));
    const from = after === undefined ? 0 : all.findIndex((l) => compareLicense(l.licenseNumber, after) > 0);
    const page = from < 0 ? [] : all.slice(from, from + limit);
    const more = from >= 0 && from + limit < all.length;
    return { licenses: page, nextCursor: more ? page[page.length - 1].licenseNumber : undefined };
  }

  updateLicense(reseller: Reseller, licenseNumber: string, changes: LicenseChanges): License {
    const license = this.license(reseller, licenseNumber);
    if (changes.profileId !== undefined && changes.profileId !== '') this.profileOn(license.parentLicense!, changes.profileId);
    if (changes.name !== undefined) license.name = changes.name;
    if (changes.email !== undefined) license.email = changes.email === '' ? undefined : changes.email;
    if (changes.profileId !== undefined) license.profileId = changes.profileId === '' ? undefined : changes.profileId;
    if (changes.lines !== undefined) license.lines = changes.lines;
    if (changes.blocked !== undefined) license.blocked = changes.blocked;
    license.updatedAt = this.now();
    return license;
  }

  convertTrial(reseller: Reseller, licenseNumber: string): License {
    const license = this.license(reseller, licenseNumber);
    if (!license.trial) throw fault(FAULT.NOT_A_TRIAL, `license ${licenseNumber} is not a trial license`);
    license.trial = false;
    license.trialEndsAt = undefined;
    license.updatedAt = this.now();
    return license;
  }

  /** Deletes the license; its running sessions end (and are billed), booked ones are cancelled. */
  deleteLicense(reseller: Reseller, licenseNumber: string): void {
    const license = this.license(reseller, licenseNumber);
    for (const session of this.sessions.values()) {
      if (session.licenseNumber !== license.licenseNumber) continue;
      if (session.status === 'running') this.finish(session);
      else if (session.status === 'booked') session.status = 'cancelled';
    }
    this.licenses.delete(licenseNumber);
  }

  status(license: License): LicenseStatus {
    if (license.blocked) return 'blocked';
    if (license.trial && license.trialEndsAt !== undefined && this.now() >= license.trialEndsAt) return 'expired';
    return 'active';
  }

  /** The settings in force: the profile's as it is now, or FastViewer's standard ones. */
  settings(license: License): ProfileSettings {
    const profile = license.profileId === undefined ? undefined : this.profiles.get(license.profileId);
    return profile ? { display: profile.display, functions: profile.functions, branding: profile.branding } : STANDARD_SETTINGS;
  }

  runningSessions(licenseNumber: string): number {
    return this.running.get(licenseNumber) ?? 0;
  }

  // ---- sessions (XML-RPC interface) ----

  book(reseller: Reseller, licenseNumber: string, input: { subject?: string; plannedStart?: number; plannedMinutes?: number; reference?: string }): Session {
    const license = this.license(reseller, licenseNumber);
    if (input.reference !== undefined) {
      const known = this.byReference.get(`${licenseNumber}\u0000${input.reference}`);
      if (known !== undefined) return this.sessions.get(known)!;
    }
    this.usable(license);
    const session: Session = {
      sessionNumber: this.newSessionNumber(),
      licenseNumber,
      parentLicense: license.parentLicense!,
      status: 'booked',
      subject: input.subject,
      plannedStart: input.plannedStart,
      plannedMinutes: input.plannedMinutes,
      reference: input.reference,
      bookedAt: this.now(),
      recording: false,
      recordedSeconds: 0,
    };
    this.sessions.set(session.sessionNumber, session);
    if (input.reference !== undefined) this.byReference.set(`${licenseNumber}\u0000${input.reference}`, session.sessionNumber);
    return session;
  }

  session(reseller: Reseller, sessionNumber: number): Session {
    const session = this.sessions.get(sessionNumber);
    if (!session || !reseller.parentLicenses.includes(session.parentLicense)) throw fault(FAULT.SESSION_NOT_FOUND, `session ${sessionNumber} not found`);
    return session;
  }

  /** A started session takes one of the license's lines until it ends. Starting a running session again changes nothing. */
  start(reseller: Reseller, sessionNumber: number): Session {
    const session = this.session(reseller, sessionNumber);
    if (session.status === 'running') return session;
    if (session.status !== 'booked') throw fault(FAULT.SESSION_STATE, `session ${sessionNumber} is ${session.status} and cannot be started`);
    const license = this.license(reseller, session.licenseNumber);
    this.usable(license);
    const inUse = this.runningSessions(license.licenseNumber);
    if (inUse >= license.lines) {
      throw fault(FAULT.QUOTA_EXCEEDED, `license ${license.licenseNumber} has all ${license.lines} concurrent line(s) in use (${inUse} running session(s))`);
    }
    session.status = 'running';
    session.startedAt = Math.floor(this.now() / 1000);
    this.running.set(license.licenseNumber, inUse + 1);
    return session;
  }

  setRecording(reseller: Reseller, sessionNumber: number, on: boolean): Session {
    const session = this.session(reseller, sessionNumber);
    if (session.status !== 'running') throw fault(FAULT.SESSION_STATE, `session ${sessionNumber} is ${session.status}; recording needs a running session`);
    if (on === session.recording) return session;
    const now = this.now();
    if (on) {
      const license = this.license(reseller, session.licenseNumber);
      if (!this.settings(license).functions.includes('recording')) {
        throw fault(FAULT.FUNCTION_NOT_AVAILABLE, `license ${license.licenseNumber} has no recording function in its profile`);
      }
      session.recording = true;
      session.recordingSince = now;
    } else {
      this.stopRecording(session, now);
    }
    return session;
  }

  /** Cancels a booked session; a cancelled one stays cancelled. */
  cancel(reseller: Reseller, sessionNumber: number): Session {
    const session = this.session(reseller, sessionNumber);
    if (session.status === 'cancelled') return session;
    if (session.status !== 'booked') throw fault(FAULT.SESSION_STATE, `session ${sessionNumber} is ${session.status}; only a booked session can be cancelled (end a running one)`);
    session.status = 'cancelled';
    return session;
  }

  /** Ends a running session and records its usage; an ended one stays ended. */
  end(reseller: Reseller, sessionNumber: number): Session {
    const session = this.session(reseller, sessionNumber);
    if (session.status === 'ended') return session;
    if (session.status !== 'running') throw fault(FAULT.SESSION_STATE, `session ${sessionNumber} is ${session.status}; only a running session can be ended (cancel a booked one)`);
    this.finish(session);
    return session;
  }

  /** Seconds a running session has lasted so far, or its final duration. */
  elapsed(session: Session): number {
    if (session.startedAt === undefined) return 0;
    return (session.endedAt ?? Math.ceil(this.now() / 1000)) - session.startedAt;
  }

  recorded(session: Session): number {
    return session.recordedSeconds + (session.recordingSince === undefined ? 0 : Math.round((this.now() - session.recordingSince) / 1000));
  }

  // ---- helpers ----

  private finish(session: Session): void {
    const now = this.now();
    if (session.recording) this.stopRecording(session, now);
    session.status = 'ended';
    // Whole seconds: the start is taken down and the end up, so no started second goes unbilled.
    session.endedAt = Math.max(session.startedAt!, Math.ceil(now / 1000));
    this.running.set(session.licenseNumber, Math.max(0, this.runningSessions(session.licenseNumber) - 1));
    this.usage.record(session.licenseNumber, session.parentLicense, session.sessionNumber, session.startedAt!, session.endedAt);
  }

  private stopRecording(session: Session, now: number): void {
    session.recordedSeconds += Math.round((now - (session.recordingSince ?? now)) / 1000);
    session.recording = false;
    session.recordingSince = undefined;
  }

  private usable(license: License): void {
    const status = this.status(license);
    if (status === 'blocked') throw fault(FAULT.LICENSE_BLOCKED, `license ${license.licenseNumber} is blocked`);
    if (status === 'expired') throw fault(FAULT.TRIAL_EXPIRED, `trial license ${license.licenseNumber} expired at ${new Date(license.trialEndsAt!).toISOString()}`);
  }

  parentOf(reseller: Reseller, parentLicense: string): License {
    const parent = this.licenses.get(parentLicense);
    if (!parent || !reseller.parentLicenses.includes(parentLicense)) throw fault(FAULT.PARENT_NOT_FOUND, `parent license ${parentLicense} not found among your parent licenses`);
    return parent;
  }

  private profileOn(parentLicense: string, profileId: string): Profile {
    const profile = this.profiles.get(profileId);
    if (!profile || profile.parentLicense !== parentLicense) throw fault(FAULT.PROFILE_NOT_FOUND, `profile ${profileId} is not defined on parent license ${parentLicense}`);
    return profile;
  }

  findByReference(parentLicense: string, externalReference: string): License | undefined {
    for (const l of this.licenses.values()) if (l.parentLicense === parentLicense && l.externalReference === externalReference) return l;
    return undefined;
  }

  /** Random nine-digit numbers, never issued twice while the simulator lives (generated usage uses ten-digit ones). */
  private newSessionNumber(): number {
    for (;;) {
      const n = randomInt(100_000_000, 1_000_000_000);
      if (!this.issued.has(n)) {
        this.issued.add(n);
        return n;
      }
    }
  }
}
