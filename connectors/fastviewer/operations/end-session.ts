import type { MeetingSession } from '../../meetings/port';
import type { FastViewerClient } from '../client';
import { sessionCall } from './session-call';

/** Ends a running session and records its usage to the second; an ended one stays ended. */
export function endSession(client: FastViewerClient, input: { sessionNumber: string }): Promise<MeetingSession> {
  // No public API reference (FastViewer); modelled XML-RPC method session.end(sessionNumber), see connectors/fastviewer/README.md.
  return sessionCall(client, 'session.end', input);
}
