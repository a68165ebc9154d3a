import { badRequest } from './api-error';

/** Opaque paging cursors: the sequence number of the last record returned. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const match = /^s(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest('cursor', 'not a cursor returned by this listing');
  return Number(match[1]);
}
