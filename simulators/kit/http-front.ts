import http, { IncomingMessage, ServerResponse } from 'node:http';
import { FaultDecision, FaultController, sleep } from './faults';
import { ServiceListener } from './listener';

/**
 * The parts every simulator front on node's own http module shares (the SOAP and XML-RPC ones,
 * whose protocol libraries want the raw request): the service socket, the injected HTTP-level
 * faults, reading and writing bodies. REST simulators get the same faults from fastify-faults.ts.
 */

/** The service socket answering with `handle`; a failure of `handle` answers 500 with its message. The 'down' fault closes the socket. */
export function serveFront(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, faults: FaultController): ServiceListener {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(err instanceof Error ? err.message : String(err));
    });
  });
  const listener = new ServiceListener(server);
  listener.bindFaults(faults);
  return listener;
}

/**
 * Carries out the HTTP side of a fault decision: holds a timed-out request, waits the latency,
 * answers an injected status or a 429. A protocol fault is the protocol's own answer, written by
 * `answerFault`. True when the request is answered (or held) and must not go on.
 */
export async function answeredByFault(
  req: IncomingMessage,
  res: ServerResponse,
  decision: FaultDecision,
  answerFault: (fault: Extract<FaultDecision, { action: 'fault' }>) => void,
): Promise<boolean> {
  if (decision.action === 'timeout') {
    // Never answer: hold the request until the client gives up and closes the socket.
    await new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
    return true;
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  if (decision.action === 'status') {
    send(res, decision.status, 'text/plain', `injected HTTP ${decision.status}`);
    return true;
  }
  if (decision.action === 'rate_limit') {
    res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    send(res, 429, 'text/plain', 'Too Many Requests');
    return true;
  }
  if (decision.action === 'fault') {
    answerFault(decision);
    return true;
  }
  return false;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.end(body);
}

/** A JSON answer (admin routes); no body for `undefined`. */
export function sendJson(res: ServerResponse, status: number, payload?: unknown): void {
  res.statusCode = status;
  if (payload === undefined) return void res.end();
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(payload));
}
