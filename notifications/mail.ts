import nodemailer from 'nodemailer';
import type { SmtpConfig } from './config';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

/** Sends mail over SMTP with nodemailer; answers the message id the server took it under. */
export interface Mailer {
  send(mail: Mail): Promise<{ messageId: string; accepted: string[] }>;
  close(): void;
}

export function createMailer(smtp: SmtpConfig, from: string): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    tls: { rejectUnauthorized: !smtp.allowSelfSigned },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}) });
      return { messageId: info.messageId, accepted: (info.accepted as (string | { address: string })[]).map((a) => (typeof a === 'string' ? a : a.address)) };
    },
    close: () => transport.close(),
  };
}
