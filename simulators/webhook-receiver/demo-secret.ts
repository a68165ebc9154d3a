/**
 * The demo receiver's signing secret, shared by the demo config and the receiver. In a file of its
 * own so the config (which every process loads) does not load the receiver and its fastify with it.
 */
export const DEMO_WEBHOOK_SECRET = `whsec_${Buffer.from('subsync-demo-webhook-secret-0001').toString('base64')}`;
