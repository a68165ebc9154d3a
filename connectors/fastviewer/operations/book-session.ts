import { z } from 'zod';
import type { MeetingSession } from '../../meetings/port';
import { FastViewerClient, parseInput, withoutUndefined } from '../client';
import { isoSchema, licenseNumberSchema, sessionSchema } from '../schemas';

const inputSchema = z.object({
  licenseNumber: licenseNumberSchema,
  booking: z.object({
    /** Our booking reference: booking again with it returns the first booking, so a retry books nothing twice. */
    reference: z.string().min(1).max(200),
    subject: z.string().min(1).max(200).optional(),
    plannedStart: isoSchema.optional(),
    plannedMinutes: z.number().int().min(1).max(24 * 60).optional(),
  }),
});

/** Books a session on the license ("Sitzungsbuchung") and returns its unique session number. */
export async function bookSession(client: FastViewerClient, input: z.input<typeof inputSchema>): Promise<MeetingSession> {
  const { licenseNumber, booking } = parseInput('session.book', inputSchema, input);
  // No public API reference (FastViewer); modelled XML-RPC method session.book(licenseNumber, booking), see connectors/fastviewer/README.md.
  return client.call('session', 'session.book', [licenseNumber, withoutUndefined(booking)], sessionSchema);
}
