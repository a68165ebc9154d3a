import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { FaultController } from '../kit/faults';
import { runStandalone, Simulator } from '../kit/simulator';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  receivedAt: number;
}

export interface MailSink extends Simulator {
  /** host and port to put into an SMTP client's config. */
  readonly host: string;
  readonly port: number;
  messages(): ReceivedMail[];
  state(): { messages: ReceivedMail[] };
  /** Resolves once `count` mails have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
}

/**
 * A real SMTP server (the `smtp-server` package) that keeps what it is sent, parsed with
 * `mailparser`, for the report and the operator alerts in tests and the demo. Plain SMTP on
 * 127.0.0.1, no authentication, no STARTTLS. Faults: `down` refuses each connection (421),
 * `status` refuses each message with that code.
 */
export function createMailSink(): MailSink {
  const faults = new FaultController();
  const messages: ReceivedMail[] = [];
  const waiters: { count: number; resolve: (m: ReceivedMail[]) => void }[] = [];
  let port = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      if (faults.isDown()) return callback(Object.assign(new Error('service not available'), { responseCode: 421 }));
      callback();
    },
    onData(stream, _session, callback) {
      const decision = faults.decide('sendMail');
      simpleParser(stream)
        .then((parsed) => {
          if (decision.action === 'status') return callback(Object.assign(new Error(`injected ${decision.status}`), { responseCode: decision.status >= 500 ? 554 : 451 }));
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
          messages.push({
            from: parsed.from?.text ?? '',
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
            ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
            receivedAt: Date.now(),
          });
          for (const w of [...waiters]) {
            if (messages.length >= w.count) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve([...messages]);
            }
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  return {
    name: 'mail',
    faults,
    host: '127.0.0.1',
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    start(wanted = 0) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(wanted, '127.0.0.1', () => {
          port = (server.server.address() as AddressInfo).port;
          resolve(`smtp://127.0.0.1:${port}`);
        });
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    messages: () => [...messages],
    state: () => ({ messages: [...messages] }),
    waitFor(count, timeoutMs = 30_000) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise((resolve, reject) => {
        const w = { count, resolve: (m: ReceivedMail[]) => (clearTimeout(timer), resolve(m)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`mail sink: ${messages.length} of ${count} mails within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    reset() {
      messages.length = 0;
    },
    seed() {
      throw Object.assign(new Error('the mail sink takes no seed: it only receives'), { statusCode: 400 });
    },
  };
}

if (require.main === module) {
  const sim = createMailSink();
  runStandalone(sim, { env: 'MAIL_SINK', defaultPort: 2525, describe: (url, admin) => `mail sink: ${url} (admin: ${admin})` });
}
