import type { MeetingSession } from '../../meetings/port';
import type { FastViewerClient } from '../client';
import { sessionCall } from './session-call';

/** Starts a booked session; it takes one of the license's concurrent lines until it ends. No free line answers fault 21 QUOTA_EXCEEDED (PermanentError 'conflict'). */
export function startSession(client: FastViewerClient, input: { sessionNumber: string }): Promise<MeetingSession> {
  // No public API reference (FastViewer); modelled XML-RPC method session.start(sessionNumber), see connectors/fastviewer/README.md.
  return sessionCall(client, 'session.start', input);
}
