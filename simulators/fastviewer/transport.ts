import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpHandler, HttpResponse, HttpServer, serializeFault, XmlRpcFault, XmlRpcServer } from '@foxglove/xmlrpc';
import { basicCredentials } from '../kit/basic-auth';
import type { FaultController } from '../kit/faults';
import { answeredByFault, readBody, send } from '../kit/http-front';
import { fault, FAULT } from './fault-codes';
import { caller } from './methods';
import type { Reseller } from './platform';

/**
 * The HTTP front of the simulator. Each XML-RPC interface is an XmlRpcServer of the
 * @foxglove/xmlrpc library mounted on its own path; this front reads the request, lets the
 * fault controller decide first (by XML-RPC method name, so a test can fail one method),
 * checks the HTTP Basic credentials, and hands the body to the library's request handler.
 */
export interface Endpoint {
  path: string;
  server: XmlRpcServer;
}

/** The library's server wants an HTTP backend; ours never listens itself, the front calls its handler. */
export class MountedHttpServer implements HttpServer {
  handler: HttpHandler = async () => ({ statusCode: 404 });
  url(): string | undefined {
    return undefined;
  }
  port(): number | undefined {
    return undefined;
  }
  async listen(): Promise<void> {
    throw new Error('a mounted XML-RPC endpoint is served by the simulator front, not on a port of its own');
  }
  close(): void {}
}

export interface FrontOptions {
  faults: FaultController;
  endpoints: Endpoint[];
  authenticate: (user: string, key: string) => Reseller | undefined;
}

export function createRequestHandler(options: FrontOptions) {
  const byPath = new Map(options.endpoints.map((e) => [e.path, e.server]));
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const server = byPath.get(path);
    if (!server) return send(res, 404, 'text/plain', `no XML-RPC endpoint at ${path}; have ${[...byPath.keys()].join(', ')}`);
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'XML-RPC answers POST requests');
    const body = (await readBody(req)).toString('utf8');
    const answered = await answeredByFault(req, res, options.faults.decide(methodNameOf(body)), (injected) =>
      // XML-RPC reports application errors as faults inside a 200 answer; a numeric code is used as the fault code.
      send(res, 200, 'text/xml', serializeFault(new XmlRpcFault(injected.message, /^-?\d+$/.test(injected.code) ? Number(injected.code) : -32500))),
    );
    if (answered) return;
    const reseller = credentialsOf(req, options.authenticate);
    if (!reseller) return send(res, 200, 'text/xml', serializeFault(fault(FAULT.AUTH_FAILED, 'authentication failed: send the ASP user and key as HTTP Basic credentials')));
    const answer: HttpResponse = await caller.run(reseller, () => server.server.handler({ body, method: req.method, url: req.url }));
    res.statusCode = answer.statusCode;
    if (answer.statusMessage) res.statusMessage = answer.statusMessage;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.end(answer.body);
  };
}

function credentialsOf(req: IncomingMessage, authenticate: FrontOptions['authenticate']): Reseller | undefined {
  const given = basicCredentials(req.headers.authorization);
  return given && authenticate(given.user, given.password);
}

export function methodNameOf(body: string): string {
  return /<methodName>\s*([^<\s]+)\s*<\/methodName>/.exec(body)?.[1] ?? 'unknown';
}
