import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { badCredentials, notAuthorized } from './lb-fault';
import type { Actor } from './store';

export interface Manager { login: string; pass: string }

interface Session { personid: number; login: string; lastSeen: number }

/**
 * Manager sessions as api3 keeps them: Login answers with a `sessnum` cookie, every other
 * call must carry it, and a session idle for longer than `idleMs` is gone.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** How many successful Logins the simulator answered (tests assert re-login happened). */
  logins = 0;

  constructor(
    private readonly managers: readonly Manager[],
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  login(login: string, pass: string): { token: string; personid: number } {
    const index = this.managers.findIndex((m) => m.login === login && m.pass === pass);
    if (index < 0) throw badCredentials();
    const token = randomBytes(16).toString('hex');
    this.sessions.set(token, { personid: index + 1, login, lastSeen: this.now() });
    this.logins += 1;
    return { token, personid: index + 1 };
  }

  logout(req: IncomingMessage): void {
    const token = tokenOf(req);
    if (token) this.sessions.delete(token);
  }

  /** The session's manager; throws the "not authorized" fault unless the request carries a live session. Touching it keeps it alive. */
  require(req: IncomingMessage): Actor {
    const token = tokenOf(req);
    const session = token ? this.sessions.get(token) : undefined;
    if (!token || !session || this.now() - session.lastSeen > this.idleMs) {
      if (token) this.sessions.delete(token);
      throw notAuthorized();
    }
    session.lastSeen = this.now();
    return { personid: session.personid, login: session.login };
  }

  expireAll(): void {
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }
}

function tokenOf(req: IncomingMessage): string | undefined {
  const cookie = req.headers.cookie ?? '';
  return /(?:^|;\s*)sessnum=([^;]+)/.exec(cookie)?.[1];
}
