export { webhookEndpointSchema, webhookSecretSchema } from './config';
export type { WebhookEndpointConfig, WebhookEndpointConfigInput } from './config';
export { classify, STANDARD_WEBHOOKS_SPEC, WebhookSender } from './sender';
export type { WebhookRequest } from './sender';
export { WebhookSigner } from './sign';
