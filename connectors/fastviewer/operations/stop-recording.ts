import type { MeetingSession } from '../../meetings/port';
import type { FastViewerClient } from '../client';
import { sessionCall } from './session-call';

/** Stops recording a running session; not recording changes nothing. */
export function stopRecording(client: FastViewerClient, input: { sessionNumber: string }): Promise<MeetingSession> {
  // No public API reference (FastViewer); modelled XML-RPC method session.recording.stop(sessionNumber), see connectors/fastviewer/README.md.
  return sessionCall(client, 'session.recording.stop', input);
}
