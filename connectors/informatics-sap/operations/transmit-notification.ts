import { z } from 'zod';
import type { DeliveryReceipt, LicenseNotification } from '../../licensing/port';
import type { InformaticsSapClient } from '../client';
import { compact, dateTime, validateInput } from '../schemas';

const status = z.enum(['available', 'activation_pending', 'activated', 'return_pending', 'withdrawal_pending', 'withdrawn']);

export const notificationInputSchema = z.object({
  messageId: z.string().min(1),
  changeId: z.string().min(1),
  feed: z.enum(['orders', 'licenses', 'activations']),
  type: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  ticket: z.string().min(1),
  orderNumber: z.string().min(1),
  customer: z.object({ number: z.string().min(1), name: z.string().optional(), email: z.string().optional() }).optional(),
  licenseNumber: z.string().optional(),
  item: z.object({ firmCode: z.number().int(), productCode: z.number().int() }).optional(),
  lines: z.array(z.object({ firmCode: z.number().int(), productCode: z.number().int(), quantity: z.number().int(), lineId: z.string().optional() })).optional(),
  status: status.optional(),
  suspended: z.boolean().optional(),
  containerSerial: z.string().optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

export const receiptSchema = z.object({ messageId: z.string(), receiptId: z.string(), received: dateTime, duplicate: z.boolean() });

/**
 * Transmits one license notification. The receiver takes a message id once: sent again with the
 * same content it answers the first receipt with `duplicate: true`; with other content it refuses
 * (MessageConflict), because a message id must never name two different changes.
 */
export async function transmitNotification(client: InformaticsSapClient, notification: LicenseNotification): Promise<DeliveryReceipt> {
  const n = validateInput(client.system, 'TransmitNotification', notificationInputSchema, notification);
  // The module's interface is not public (INFORMATICS_DOCS); assumed contract in license-notification.wsdl, element order as its sequence.
  const wire = compact({
    messageId: n.messageId,
    changeId: n.changeId,
    feed: n.feed,
    type: n.type,
    time: n.at,
    ticket: n.ticket,
    orderNumber: n.orderNumber,
    customerNumber: n.customer?.number,
    licenseNumber: n.licenseNumber,
    firmCode: n.item?.firmCode,
    productCode: n.item?.productCode,
    line: n.lines?.map((l) => ({ lineId: l.lineId ?? `${l.firmCode}-${l.productCode}`, firmCode: l.firmCode, productCode: l.productCode, quantity: l.quantity })),
    status: n.status,
    suspended: n.suspended,
    containerSerial: n.containerSerial,
    expiration: n.expiresAt,
  });
  const { receipt } = await client.call('TransmitNotification', { notification: wire }, z.object({ receipt: receiptSchema }));
  return { messageId: receipt.messageId, receiptId: receipt.receiptId, receivedAt: receipt.received, duplicate: receipt.duplicate };
}
