/**
 * What a bench run has started (servers, temp dirs), stopped in reverse order. A scenario may
 * release one early (e.g. Temporal before its direct-call phase); the rest is released when
 * the scenario ends, fails or the run is interrupted.
 */
export class Resources {
  private readonly held: { name: string; stop: () => Promise<void> | void }[] = [];

  /** Registers a stop function; the returned release runs it now, once. */
  add(name: string, stop: () => Promise<void> | void): () => Promise<void> {
    const entry = { name, stop };
    this.held.push(entry);
    return async () => {
      const i = this.held.indexOf(entry);
      if (i < 0) return;
      this.held.splice(i, 1);
      await entry.stop();
    };
  }

  /** Stops everything still held, newest first; a failing stop is reported and the others still run. */
  async releaseAll(report: (message: string) => void): Promise<void> {
    while (this.held.length) {
      const entry = this.held.pop()!;
      try {
        await entry.stop();
      } catch (err) {
        report(`could not stop ${entry.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
