import type { EventDispatcher } from '../api/dispatch';
import type { Logger } from './logger';
import type { Store } from '../store/store';

/**
 * Hands Temporal the events the API accepted but could not deliver (no worker answered in
 * time, Temporal briefly away). They wait in the inbox and go out here oldest first; a
 * subscriber whose oldest event still fails keeps its later ones back, so order holds.
 */
export class InboxRedelivery {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly deps: { store: Store; dispatcher: EventDispatcher; logger: Logger; intervalMs: number }) {}

  start(): void {
    const tick = () => {
      this.running = this.runOnce()
        .catch((err) => {
          this.deps.logger.warn({ err }, 'inbox redelivery pass failed');
          return 0;
        })
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.deps.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.deps.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over the undelivered events; returns how many went out. */
  async runOnce(): Promise<number> {
    const held = new Set<string>();
    let delivered = 0;
    for (const event of await this.deps.store.undelivered()) {
      if (held.has(event.subscriberId)) continue;
      // Being delivered by this process right now (a waiting request): that delivery marks it.
      if (this.deps.dispatcher.delivering(event.id)) {
        held.add(event.subscriberId);
        continue;
      }
      try {
        await this.deps.dispatcher.redeliver(event.payload, { submittedBy: event.submittedBy });
        delivered++;
      } catch (err) {
        held.add(event.subscriberId);
        this.deps.logger.info({ eventId: event.id, subscriber: event.subscriberId, err: (err as Error).message }, 'event still waiting for delivery');
      }
    }
    if (delivered) this.deps.logger.info({ delivered }, 'delivered events from the inbox');
    return delivered;
  }
}
