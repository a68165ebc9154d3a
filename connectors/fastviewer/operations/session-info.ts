import type { MeetingSession } from '../../meetings/port';
import type { FastViewerClient } from '../client';
import { sessionCall } from './session-call';

/** Runtime information of a session: status, times, seconds so far, recording. */
export function sessionInfo(client: FastViewerClient, input: { sessionNumber: string }): Promise<MeetingSession> {
  // No public API reference (FastViewer); modelled XML-RPC method session.info(sessionNumber), see connectors/fastviewer/README.md.
  return sessionCall(client, 'session.info', input);
}
