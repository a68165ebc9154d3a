import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { one, RoomRecord, roomSchema } from '../schemas';

const inputSchema = z.object({
  account_id: z.string().min(1),
  room_name: z.string().min(1).max(200),
  is_public: z.boolean(),
  room_settings: z.record(z.string(), z.unknown()).optional(),
  room_metadata: z.record(z.string(), z.unknown()).optional(),
});

/** Creates a room in the account; its type follows the subscription. Over the plan's room limit answers 422. */
export async function createRoom(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<RoomRecord> {
  const body = parseInput('createRoom', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/rooms (POST /rooms, room attributes).
  return client.call('createRoom', { method: 'POST', url: '/rooms', data: body }, one(roomSchema));
}
