import { z } from 'zod';
import { parseInput, VideoResellClient } from '../client';
import { many, RoomRecord, roomSchema } from '../schemas';

const inputSchema = z.object({ accountId: z.string().min(1) });

export async function listRooms(client: VideoResellClient, input: z.input<typeof inputSchema>): Promise<RoomRecord[]> {
  const { accountId } = parseInput('listRooms', inputSchema, input);
  // Vendor doc: https://docs.streamwise.app/docs/administration/rooms (GET /rooms) and https://docs.streamwise.app/docs/api/resources (search, limit=0).
  return client.call('listRooms', { method: 'GET', url: '/rooms', params: { search: `account_id:${accountId}`, limit: 0 } }, many(roomSchema));
}
