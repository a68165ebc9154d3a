import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';

const inputSchema = z.object({ roomId: z.string().min(1) });

export async function deleteRoom(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<void> {
  const { roomId } = parseInput('deleteRoom', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/rooms (DELETE /rooms/{room_id}).
  await client.call('deleteRoom', { method: 'DELETE', url: `/rooms/${encodeURIComponent(roomId)}` }, z.unknown());
}
