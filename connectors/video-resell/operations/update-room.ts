import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { one, RoomRecord, roomSchema } from '../schemas';

const inputSchema = z.object({
  roomId: z.string().min(1),
  changes: z.object({ room_name: z.string().min(1).max(200).optional(), is_public: z.boolean().optional(), room_settings: z.record(z.string(), z.unknown()).optional() }),
});

/** Changes a room's name, visibility or settings (settings are replaced as a whole, as the platform does). */
export async function updateRoom(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<RoomRecord> {
  const { roomId, changes } = parseInput('updateRoom', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/rooms (PATCH /rooms/{room_id}).
  return client.call('updateRoom', { method: 'PATCH', url: `/rooms/${encodeURIComponent(roomId)}`, data: changes }, one(roomSchema));
}
