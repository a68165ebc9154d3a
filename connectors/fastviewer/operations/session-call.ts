import { z } from 'zod';
import type { MeetingSession } from '../../meetings/port';
import { FastViewerClient, parseInput } from '../client';
import { sessionNumberSchema, sessionSchema } from '../schemas';

const inputSchema = z.object({ sessionNumber: sessionNumberSchema });

/** The XML-RPC session methods that take a session number and answer the session as it is afterwards. */
export type SessionMethod = 'session.start' | 'session.info' | 'session.recording.start' | 'session.recording.stop' | 'session.cancel' | 'session.end';

export async function sessionCall(client: FastViewerClient, method: SessionMethod, input: z.input<typeof inputSchema>): Promise<MeetingSession> {
  const { sessionNumber } = parseInput(method, inputSchema, input);
  return client.call('session', method, [sessionNumber], sessionSchema);
}
