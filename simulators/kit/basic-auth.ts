import { timingSafeEqual } from 'node:crypto';

const BASIC = /^Basic\s+(.+)$/i;

/** The user and password of an HTTP Basic Authorization header; undefined when there is none or it is malformed. */
export function basicCredentials(authorization: string | undefined): { user: string; password: string } | undefined {
  const match = BASIC.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Whether an Authorization header lets one of `users` in: `missing` when it carries no HTTP Basic
 * credentials at all, `refused` when they are malformed or wrong. Passwords are compared in
 * constant time, as a real server should.
 */
export function checkBasicAuth(authorization: string | undefined, users: readonly { user: string; password: string }[]): 'ok' | 'missing' | 'refused' {
  if (!BASIC.test(authorization ?? '')) return 'missing';
  const given = basicCredentials(authorization);
  return given && users.some((u) => u.user === given.user && sameSecret(u.password, given.password)) ? 'ok' : 'refused';
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
