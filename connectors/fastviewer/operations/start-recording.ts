import type { MeetingSession } from '../../meetings/port';
import type { FastViewerClient } from '../client';
import { sessionCall } from './session-call';

/** Starts recording a running session (remote control); already recording changes nothing. Needs the recording function in the license's profile (else fault 24). */
export function startRecording(client: FastViewerClient, input: { sessionNumber: string }): Promise<MeetingSession> {
  // No public API reference (FastViewer); modelled XML-RPC method session.recording.start(sessionNumber), see connectors/fastviewer/README.md.
  return sessionCall(client, 'session.recording.start', input);
}
