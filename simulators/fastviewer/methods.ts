import { AsyncLocalStorage } from 'node:async_hooks';
import type { XmlRpcServer, XmlRpcStruct, XmlRpcValue } from '@foxglove/xmlrpc';
import { z } from 'zod';
import { fault, FAULT } from './fault-codes';
import type { FastViewerPlatform, License, Reseller, Session } from './platform';
import { CursorError, UsageRecord } from './usage-store';

/**
 * The XML-RPC methods of both interfaces. Parameters are checked with zod and a wrong one is
 * an INVALID_PARAMS fault naming it; the caller (an authenticated reseller) comes from the
 * transport through `caller`, so system.multicall sub-calls see it too.
 */
export const caller = new AsyncLocalStorage<Reseller>();

const MAX_PAGE = 5000;

const licenseNumber = z.string().regex(/^\d+$/, 'must be a license number (digits)');
const sessionNumber = z.string().regex(/^\d+$/, 'must be a session number (digits)').transform(Number);
const isoTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
const newLicense = z.strictObject({
  externalReference: z.string().min(1).max(100).optional(),
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  profileId: z.string().min(1).optional(),
  lines: z.number().int().min(1).max(1000),
});
const page = { cursor: z.string().min(1).optional(), limit: z.number().int().min(1).max(MAX_PAGE).default(500) };

type Handler = (reseller: Reseller, args: XmlRpcValue[]) => XmlRpcValue;

/** Registers the ASP interface (licenses, profiles, usage) on `server`. */
export function registerAspMethods(server: XmlRpcServer, platform: FastViewerPlatform): void {
  const on = (name: string, handler: Handler) => register(server, name, handler);

  on('asp.ping', () => ({ status: 'ok', time: new Date(platform.now()).toISOString() }));

  on('profile.list', (r, args) => {
    const [parent] = params(args, z.tuple([licenseNumber]));
    return platform.profilesOf(r, parent).map((p) => strip({ id: p.id, parentLicense: p.parentLicense, name: p.name, display: p.display, functions: p.functions, branding: p.branding }));
  });

  on('license.create', (r, args) => {
    const [parent, input] = params(args, z.tuple([z.string().optional(), newLicense]));
    return licenseOut(platform, platform.createLicense(r, parent, input));
  });

  on('license.createTrial', (r, args) => {
    const [parent, input] = params(args, z.tuple([z.string().optional(), newLicense.extend({ trialDays: z.number().int().min(1).max(90) })]));
    const { trialDays, ...license } = input;
    return licenseOut(platform, platform.createLicense(r, parent, license, trialDays));
  });

  on('license.get', (r, args) => {
    const [number] = params(args, z.tuple([licenseNumber]));
    return licenseOut(platform, platform.license(r, number));
  });

  on('license.list', (r, args) => {
    const [parent, query] = params(args, z.tuple([licenseNumber, z.strictObject({ externalReference: z.string().min(1).optional(), ...page }).default({ limit: 500 })]));
    if (query.cursor !== undefined && !/^\d+$/.test(query.cursor)) throw fault(FAULT.INVALID_PARAMS, `params[1].cursor: "${query.cursor}" is not a cursor this server returned`);
    const result = platform.listLicenses(r, parent, { externalReference: query.externalReference }, query.limit, query.cursor);
    return strip({ licenses: result.licenses.map((l) => licenseOut(platform, l)), nextCursor: result.nextCursor });
  });

  on('license.update', (r, args) => {
    const changes = z.strictObject({
      name: z.string().min(1).max(200).optional(),
      email: z.union([z.email(), z.literal('')]).optional(),
      profileId: z.string().optional(),
      lines: z.number().int().min(1).max(1000).optional(),
      blocked: z.boolean().optional(),
    });
    const [number, input] = params(args, z.tuple([licenseNumber, changes]));
    return licenseOut(platform, platform.updateLicense(r, number, input));
  });

  on('license.convertTrial', (r, args) => {
    const [number] = params(args, z.tuple([licenseNumber]));
    return licenseOut(platform, platform.convertTrial(r, number));
  });

  on('license.delete', (r, args) => {
    const [number] = params(args, z.tuple([licenseNumber]));
    platform.deleteLicense(r, number);
    return true;
  });

  on('usage.sessions', (r, args) => {
    const [query] = params(args, z.tuple([usageQuery()]));
    const scope = usageScope(platform, r, query);
    try {
      const result = platform.usage.sessions(scope, query.from, query.to, query.limit, query.cursor);
      return strip({ sessions: result.records.map(usageOut), nextCursor: result.nextCursor });
    } catch (err) {
      if (err instanceof CursorError) throw fault(FAULT.INVALID_PARAMS, `params[0].cursor: ${err.message}`);
      throw err;
    }
  });

  on('usage.totals', (r, args) => {
    const [query] = params(args, z.tuple([usageQuery().refine((q) => q.parentLicense !== undefined, { message: 'parentLicense is required', path: ['parentLicense'] })]));
    platform.parentOf(r, query.parentLicense!);
    if (query.cursor !== undefined && !/^\d+$/.test(query.cursor)) throw fault(FAULT.INVALID_PARAMS, `params[0].cursor: "${query.cursor}" is not a cursor this server returned`);
    const result = platform.usage.totals(query.parentLicense!, query.from, query.to, query.limit, query.cursor);
    return strip({ licenses: result.totals.map((t) => ({ ...t })), nextCursor: result.nextCursor });
  });
}

/** Registers the session planning and control interface on `server`. */
export function registerSessionMethods(server: XmlRpcServer, platform: FastViewerPlatform): void {
  const on = (name: string, handler: Handler) => register(server, name, handler);
  const one = (args: XmlRpcValue[]) => params(args, z.tuple([sessionNumber]))[0];

  on('session.book', (r, args) => {
    const booking = z
      .strictObject({
        subject: z.string().min(1).max(200).optional(),
        plannedStart: isoTime.optional(),
        plannedMinutes: z.number().int().min(1).max(24 * 60).optional(),
        reference: z.string().min(1).max(200).optional(),
      })
      .default({});
    const [number, input] = params(args, z.tuple([licenseNumber, booking]));
    return sessionOut(platform, platform.book(r, number, input));
  });
  on('session.start', (r, args) => sessionOut(platform, platform.start(r, one(args))));
  on('session.info', (r, args) => sessionOut(platform, platform.session(r, one(args))));
  on('session.recording.start', (r, args) => sessionOut(platform, platform.setRecording(r, one(args), true)));
  on('session.recording.stop', (r, args) => sessionOut(platform, platform.setRecording(r, one(args), false)));
  on('session.cancel', (r, args) => sessionOut(platform, platform.cancel(r, one(args))));
  on('session.end', (r, args) => sessionOut(platform, platform.end(r, one(args))));
  on('session.list', (r, args) => {
    const [number] = params(args, z.tuple([licenseNumber]));
    platform.license(r, number);
    return [...platform.sessions.values()].filter((s) => s.licenseNumber === number && (s.status === 'booked' || s.status === 'running')).map((s) => sessionOut(platform, s));
  });
}

function register(server: XmlRpcServer, name: string, handler: Handler): void {
  server.setHandler(name, async (_method, args) => {
    const reseller = caller.getStore();
    if (!reseller) throw fault(FAULT.AUTH_FAILED, 'authentication required');
    return handler(reseller, args);
  });
}

function params<S extends z.ZodType>(args: XmlRpcValue[], schema: S): z.output<S> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.map((k, i) => (i === 0 ? `params[${String(k)}]` : typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('') || 'params';
  throw fault(FAULT.INVALID_PARAMS, `${where}: ${issue.message}`);
}

function usageQuery() {
  return z
    .strictObject({ licenseNumber: licenseNumber.optional(), parentLicense: licenseNumber.optional(), from: isoTime, to: isoTime, ...page })
    .refine((q) => q.to > q.from, { message: 'must be after from', path: ['to'] })
    .refine((q) => (q.licenseNumber === undefined) !== (q.parentLicense === undefined), { message: 'give exactly one of licenseNumber and parentLicense', path: ['licenseNumber'] })
    .transform((q) => ({ ...q, from: Math.floor(q.from / 1000), to: Math.floor(q.to / 1000) }));
}

/** Usage stays readable after a license is deleted: ownership is checked on the parent it was billed to. */
function usageScope(platform: FastViewerPlatform, reseller: Reseller, query: { licenseNumber?: string; parentLicense?: string }): { licenseNumber: string } | { parentLicense: string } {
  if (query.parentLicense !== undefined) {
    platform.parentOf(reseller, query.parentLicense);
    return { parentLicense: query.parentLicense };
  }
  const parent = platform.usage.parentOf(query.licenseNumber!) ?? platform.licenses.get(query.licenseNumber!)?.parentLicense;
  if (parent === undefined || !reseller.parentLicenses.includes(parent)) throw fault(FAULT.LICENSE_NOT_FOUND, `license ${query.licenseNumber} not found`);
  return { licenseNumber: query.licenseNumber! };
}

function licenseOut(platform: FastViewerPlatform, license: License): XmlRpcStruct {
  const profile = license.profileId === undefined ? undefined : platform.profiles.get(license.profileId);
  const settings = platform.settings(license);
  return strip({
    licenseNumber: license.licenseNumber,
    parentLicense: license.parentLicense,
    externalReference: license.externalReference,
    name: license.name,
    email: license.email,
    profileId: license.profileId,
    profileName: profile?.name,
    lines: license.lines,
    status: platform.status(license),
    trial: license.trial,
    trialEndsAt: iso(license.trialEndsAt),
    runningSessions: platform.runningSessions(license.licenseNumber),
    settings: { display: settings.display, functions: settings.functions, branding: settings.branding },
    createdAt: iso(license.createdAt),
    updatedAt: iso(license.updatedAt),
  });
}

function sessionOut(platform: FastViewerPlatform, s: Session): XmlRpcStruct {
  return strip({
    sessionNumber: String(s.sessionNumber),
    licenseNumber: s.licenseNumber,
    status: s.status,
    subject: s.subject,
    plannedStart: iso(s.plannedStart),
    plannedMinutes: s.plannedMinutes,
    reference: s.reference,
    bookedAt: iso(s.bookedAt),
    startedAt: iso(s.startedAt === undefined ? undefined : s.startedAt * 1000),
    endedAt: iso(s.endedAt === undefined ? undefined : s.endedAt * 1000),
    durationSeconds: platform.elapsed(s),
    recording: s.recording,
    recordedSeconds: platform.recorded(s),
  });
}

function usageOut(u: UsageRecord): XmlRpcStruct {
  return {
    sessionNumber: u.sessionNumber,
    licenseNumber: u.licenseNumber,
    parentLicense: u.parentLicense,
    startedAt: new Date(u.startedAt * 1000).toISOString(),
    endedAt: new Date(u.endedAt * 1000).toISOString(),
    durationSeconds: u.durationSeconds,
    secondsInPeriod: u.secondsInPeriod,
  };
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** XML-RPC has no null: optional members are left out rather than sent as <nil/>. */
function strip(value: Record<string, XmlRpcValue>): XmlRpcStruct {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
