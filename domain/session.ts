/**
 * Sessions: meetings a subscriber books and runs on the platform of one of its services (a
 * meeting license's sessions). The API and the CLI book and control them; the subscriber
 * workflow records what was booked and how each session went. Nothing here knows a platform.
 */

export type SessionStatus = 'booked' | 'running' | 'ended' | 'cancelled';

/** What the caller asks for when booking. `reference` makes a retried booking return the first one. */
export interface SessionBooking {
  subject?: string;
  /** ISO 8601. */
  plannedStart?: string;
  plannedMinutes?: number;
  reference?: string;
}

/** Control of a booked or running session. */
export type SessionAction = 'start' | 'end' | 'cancel' | 'recording.start' | 'recording.stop';
export const sessionActions: readonly SessionAction[] = ['start', 'end', 'cancel', 'recording.start', 'recording.stop'];

/** How a booked session went so far. Times are ISO 8601 in UTC; durations are whole seconds. */
export interface SessionProgress {
  status: SessionStatus;
  bookedAt: string;
  startedAt?: string;
  endedAt?: string;
  /** Seconds so far while running, the billed duration once ended. */
  durationSeconds: number;
  recording: boolean;
}

/** A session as the platform reports it. */
export interface SessionView extends SessionBooking, SessionProgress {
  /** The platform's number of the session. */
  sessionId: string;
  /** Our service name ("meeting"), as in the config's `services`. */
  service: string;
  /** Platform instance (config name). */
  platform: string;
  /** What the session runs on at the platform (a license number). */
  resourceId: string;
}

/** What the subscriber workflow keeps of a session: the last view subsync saw and the call that showed it. */
export interface SessionRecord extends SessionView {
  lastAction: 'book' | 'read' | SessionAction;
  recordedAt: string;
}
