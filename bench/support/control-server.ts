import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';

/**
 * The small JSON control API a bench child process (simulators, billing's staff) offers the bench:
 * `POST /<name>` with a JSON body runs the handler of that name and answers its result as JSON (500
 * with the error's message when it throws). Listens on a free local port.
 */
export type ControlHandlers = Record<string, (body: Record<string, unknown>) => unknown>;

export async function serveControl(handlers: ControlHandlers): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload ?? null));
      };
      const handler = req.method === 'POST' ? handlers[(req.url ?? '').replace(/^\//, '')] : undefined;
      if (!handler) return reply(404, { error: `no control operation ${req.method} ${req.url}` });
      Promise.resolve()
        .then(() => handler(body ? JSON.parse(body) : {}))
        .then(
          (result) => reply(200, result),
          (err: unknown) => reply(500, { error: err instanceof Error ? err.message : String(err) }),
        );
    });
  });
  // The bench's client keeps its connections for the whole run: a server closing an idle one first would race with its next request.
  server.keepAliveTimeout = 3_600_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The bench's side: `call(name, body)` posts to the child's control API; an error answer throws with its message. */
export function controlClient(url: string): <T>(name: string, body?: Record<string, unknown>) => Promise<T> {
  // Kept alive: the bench calls it once per command and should spend as little as it can on it.
  // An hour: the longest call is a whole phase driven from the child (billing's hooks).
  const client = axios.create({ baseURL: url, timeout: 3_600_000, validateStatus: () => true, httpAgent: new http.Agent({ keepAlive: true }) });
  return async <T>(name: string, body: Record<string, unknown> = {}) => {
    const res = await client.post(`/${name}`, body);
    if (res.status !== 200) throw new Error(`control ${name}: ${res.status} ${JSON.stringify(res.data)}`);
    return res.data as T;
  };
}

/**
 * The child's side of callWithProgress: `note` keeps the latest line of a long call, `handler` is
 * the `progress` control operation that answers it once (an empty line when nothing is new).
 */
export function progressLine(): { note: (message: string) => void; handler: () => { message: string } } {
  let latest = '';
  return {
    note: (message) => (latest = message),
    handler: () => {
      const message = latest;
      latest = '';
      return { message };
    },
  };
}

/** How often the bench asks a child running a long call (a whole phase) how far it got. */
const PROGRESS_POLL_MS = 3_000;

/**
 * A long control call (`drive`: a phase run from the child) whose progress the bench shows: the child's
 * `progress` operation answers the latest line it noted (or an empty one), asked every few seconds.
 */
export async function callWithProgress<T>(call: ReturnType<typeof controlClient>, name: string, body: Record<string, unknown>, progress: (message: string) => void): Promise<T> {
  const poll = setInterval(() => {
    call<{ message: string }>('progress').then(
      ({ message }) => message && progress(message),
      () => undefined,
    );
  }, PROGRESS_POLL_MS);
  try {
    return await call<T>(name, body);
  } finally {
    clearInterval(poll);
  }
}
