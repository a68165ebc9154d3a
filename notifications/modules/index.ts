import type { MessageBuilder } from '../../domain/outbox';
import type { NotificationsConfig } from '../config';
import { activationMessages } from './activations';
import { licenseMessages } from './licenses';
import { orderMessages } from './orders';

/** What a license server's three feeds become, per the modules the config enables. */
export function licenseNotificationBuilder(source: string, modules: NotificationsConfig['modules']): MessageBuilder {
  return {
    build(feed, changes, complete) {
      if (feed === 'orders') return { messages: orderMessages(source, changes), held: [] };
      if (feed === 'licenses') return { messages: licenseMessages(source, changes, modules.licenses.properties), held: [] };
      if (feed === 'activations') return activationMessages(source, modules.activations.detail, changes, complete);
      throw new Error(`no notification module for feed "${feed}"`);
    },
  };
}

export { activationMessages, licenseMessages, orderMessages };
