import { Webhook } from 'standardwebhooks';

/**
 * The `webhook-signature` header: one `v1,<base64>` per secret, space separated, each made by the
 * standardwebhooks library over `{msg_id}.{timestamp}.{payload}`. Several secrets while one is
 * rotated out, so receivers that know either keep verifying.
 */
export class WebhookSigner {
  private readonly signers: Webhook[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('a webhook endpoint needs at least one secret');
    this.signers = secrets.map((s) => new Webhook(s));
  }

  /** The headers of one attempt: the same id on every retry, the attempt's own timestamp. */
  headers(messageId: string, at: Date, payload: string): { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string } {
    if (messageId.includes('.')) throw new Error(`webhook-id "${messageId}" must not contain "." (the signed content is dot-delimited)`);
    return {
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': this.signers.map((s) => s.sign(messageId, at, payload)).join(' '),
    };
  }
}
