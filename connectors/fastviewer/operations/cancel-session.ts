import type { MeetingSession } from '../../meetings/port';
import type { FastViewerClient } from '../client';
import { sessionCall } from './session-call';

/** Cancels a booked session; a cancelled one stays cancelled, a running one answers fault 22 SESSION_STATE. */
export function cancelSession(client: FastViewerClient, input: { sessionNumber: string }): Promise<MeetingSession> {
  // No public API reference (FastViewer); modelled XML-RPC method session.cancel(sessionNumber), see connectors/fastviewer/README.md.
  return sessionCall(client, 'session.cancel', input);
}
