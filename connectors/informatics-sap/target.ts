import type { DeliveryReceipt, LicenseNotification, NotificationTarget } from '../licensing/port';
import type { InformaticsSapClient } from './client';
import { getStatus } from './operations/get-status';
import { transmitNotification } from './operations/transmit-notification';

/** The INFORMATICS SAP module as a target of NotificationDispatcher's license notifications. */
export class InformaticsSapTarget implements NotificationTarget {
  readonly kind = 'informatics-sap';

  constructor(
    readonly name: string,
    readonly client: InformaticsSapClient,
  ) {}

  send(notification: LicenseNotification): Promise<DeliveryReceipt> {
    return transmitNotification(this.client, notification);
  }

  async health(): Promise<void> {
    await getStatus(this.client);
  }
}
