import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { FaultController, sleep } from '../kit/faults';
import { faultEnvelope } from './lb-fault';

/**
 * The HTTP front of the simulator. Every request first meets the fault controller (so an
 * outage looks the same to the WSDL fetch and to SOAP calls), then the WSDL is served with
 * its location pointing at the address the client used (and encoding.xml, which it imports
 * by a relative name), and SOAP posts go on to node-soap, which listens on `soapHost` (an
 * http.Server that never opens a socket of its own).
 */
export interface TransportOptions {
  faults: FaultController;
  soapHost: Server;
  wsdl: (location: string) => string;
  /** The schema the WSDL imports as `encoding.xml`. */
  encodingXml: string;
  /** Routes under /_admin/ bypass faults (they are the operator's, not the API's). */
  admin: (req: IncomingMessage, res: ServerResponse) => void;
  /** Sees every SOAP exchange that reached node-soap, with both bodies (tests check them against the vendor's schema). */
  onExchange?: (exchange: Exchange) => void;
  /** Told the operation of every SOAP request that reaches node-soap (the calls count). */
  onCall?: (operation: string) => void;
}

export interface Exchange { operation: string; request: string; status: number; response: string }

export function createRequestHandler(options: TransportOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.url?.startsWith('/_admin/')) return options.admin(req, res);
    const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const isEncoding = req.method === 'GET' && /^\/encoding\.xml(\?|$)/.test(req.url ?? '');
    const isWsdl = req.method === 'GET' && /\?wsdl/i.test(req.url ?? '');
    const decision = options.faults.decide(isEncoding ? 'wsdl-import' : isWsdl ? 'wsdl' : operationOf(req, body));
    if (decision.action === 'timeout') {
      // Never answer: hold the request until the client gives up and closes the socket.
      await new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
      return;
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.action === 'status') return send(res, decision.status, 'text/plain', `injected HTTP ${decision.status}`);
    if (decision.action === 'rate_limit') {
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      return send(res, 429, 'text/plain', 'Too Many Requests');
    }
    if (decision.action === 'fault') return send(res, decision.status, 'text/xml; charset=utf-8', faultEnvelope(decision.code, decision.message));
    if (isEncoding) return send(res, 200, 'text/xml; charset=utf-8', options.encodingXml);
    if (isWsdl) return send(res, 200, 'text/xml; charset=utf-8', options.wsdl(`http://${req.headers.host ?? 'localhost'}/`));
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'api3 answers SOAP over POST; the WSDL is at /?wsdl');
    // node-soap takes an already-read body from req.body.
    (req as IncomingMessage & { body?: Buffer }).body = body;
    options.onCall?.(operationOf(req, body));
    if (options.onExchange) recordExchange(res, operationOf(req, body), body, options.onExchange);
    options.soapHost.emit('request', req, res);
  };
}

/** The SOAP method: from SOAPAction when the client sets one, else the first element in the Body. */
export function operationOf(req: IncomingMessage, body: Buffer): string {
  const action = String(req.headers.soapaction ?? '').replace(/"/g, '');
  if (action !== '') return action.split(/[/#]/).pop()!;
  const match = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(body.toString('utf8'));
  return match?.[1] ?? 'unknown';
}

/** Tees what node-soap writes, and reports the exchange when the answer is complete. */
function recordExchange(res: ServerResponse, operation: string, request: Buffer, report: (exchange: Exchange) => void): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    const result = end(chunk, ...rest);
    report({ operation, request: request.toString('utf8'), status: res.statusCode, response: Buffer.concat(chunks).toString('utf8') });
    return result;
  }) as ServerResponse['end'];
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.end(body);
}
