import { PermanentError } from '../../connectors/errors';
import { MeetingLicensePlatform, meetingPort, meetingRefusalOf, MeetingSession } from '../../connectors/meetings/port';
import type { SessionAction, SessionView } from '../../domain/session';
import type { SlotState } from '../../domain/slot';
import { SessionContext, SessionControl, SessionNotFoundError, SessionRefusedError } from '../sessions';
import { licenseOf } from './steps';

/**
 * Sessions on a meeting license: booked on the license of the subscriber's slot, checked by the
 * platform against the license's quota when started (a started session takes one of its
 * concurrent lines). The platform's refusals become SessionRefusedError with the refusal's code
 * and the platform's own reason; a session of another license is not this subscriber's.
 */
export const meetingSessions: SessionControl = {
  async book(ctx, slot, booking) {
    const { platform, licenseNumber } = target(ctx, slot);
    const session = await refusals(() => platform.bookSession({ licenseNumber, ...booking }));
    return view(slot, session);
  },

  async read(ctx, slot, sessionId) {
    const { platform, licenseNumber } = target(ctx, slot);
    return view(slot, await owned(platform, licenseNumber, sessionId));
  },

  async act(ctx, slot, sessionId, action) {
    const { platform, licenseNumber } = target(ctx, slot);
    await owned(platform, licenseNumber, sessionId);
    const call = calls[action];
    return view(slot, await refusals(() => call(platform, { sessionNumber: sessionId })));
  },
};

const calls: Record<SessionAction, (p: MeetingLicensePlatform, input: { sessionNumber: string }) => Promise<MeetingSession>> = {
  start: (p, i) => p.startSession(i),
  end: (p, i) => p.endSession(i),
  cancel: (p, i) => p.cancelSession(i),
  'recording.start': (p, i) => p.startRecording(i),
  'recording.stop': (p, i) => p.stopRecording(i),
};

function target(ctx: SessionContext, slot: SlotState): { platform: MeetingLicensePlatform; licenseNumber: string } {
  const licenseNumber = licenseOf(slot);
  if (!slot.attached || !licenseNumber) throw new SessionRefusedError('no_license', `service "${slot.service}" has no license on ${slot.platform}: nothing to book on`);
  return { platform: ctx.connectors.get(meetingPort, slot.platform), licenseNumber };
}

/** The session, when it runs on this license; sessions of other licenses are not this subscriber's to see or control. */
async function owned(platform: MeetingLicensePlatform, licenseNumber: string, sessionId: string): Promise<MeetingSession> {
  const notFound = () => new SessionNotFoundError(`no session ${sessionId} on license ${licenseNumber}`);
  if (!/^\d{1,20}$/.test(sessionId)) throw notFound();
  let session: MeetingSession;
  try {
    session = await platform.sessionInfo({ sessionNumber: sessionId });
  } catch (err) {
    if (err instanceof PermanentError && err.reason === 'not_found') throw notFound();
    throw err;
  }
  if (session.licenseNumber !== licenseNumber) throw notFound();
  return session;
}

/** A refusal the caller can act on (no line free, license blocked, ...) becomes SessionRefusedError; the rest is rethrown. */
async function refusals<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const refusal = meetingRefusalOf(err);
    if (refusal) throw new SessionRefusedError(refusal, (err as Error).message);
    if (err instanceof PermanentError && (err.reason === 'conflict' || err.reason === 'rejected')) throw new SessionRefusedError('session_refused', err.message);
    throw err;
  }
}

function view(slot: SlotState, s: MeetingSession): SessionView {
  return {
    sessionId: s.sessionNumber,
    service: slot.service,
    platform: slot.platform,
    resourceId: s.licenseNumber,
    status: s.status,
    ...(s.subject === undefined ? {} : { subject: s.subject }),
    ...(s.plannedStart === undefined ? {} : { plannedStart: s.plannedStart }),
    ...(s.plannedMinutes === undefined ? {} : { plannedMinutes: s.plannedMinutes }),
    ...(s.reference === undefined ? {} : { reference: s.reference }),
    bookedAt: s.bookedAt,
    ...(s.startedAt === undefined ? {} : { startedAt: s.startedAt }),
    ...(s.endedAt === undefined ? {} : { endedAt: s.endedAt }),
    durationSeconds: s.durationSeconds,
    recording: s.recording,
  };
}
