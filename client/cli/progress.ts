import { Format, Options, Params, Presets, SingleBar } from 'cli-progress';

/**
 * Progress of a long CLI job (reconcile, invoicing, set-top box import) on stderr, so stdout keeps
 * only the result: a bar on a terminal, a plain line every few seconds otherwise (logs, CI), JSON
 * lines with --json. Nothing shows for a job that ends within SUBSYNC_PROGRESS_AFTER_MS (2 s).
 */
export interface ProgressState {
  /** How many units are done; absent when the job cannot count (it only waits). */
  done?: number;
  /** How many there are; absent or 0 while unknown. */
  total?: number;
  /** A short note: "drifted 3, repairs requested 0". */
  detail?: string;
}

export interface ProgressOptions {
  /** What runs, e.g. "reconcile isp-integrator". */
  job: string;
  /** What `done` counts, e.g. "accounts". */
  unit: string;
  /** JSON lines instead of a bar or plain lines. */
  json?: boolean;
  stream?: NodeJS.WriteStream;
  /** Show nothing before the job has run this long (default SUBSYNC_PROGRESS_AFTER_MS or 2000). */
  afterMs?: number;
  /** Plain and JSON lines come at most this often, and only when something changed (default 5000 and 1000). */
  everyMs?: number;
}

type Mode = 'bar' | 'plain' | 'json';

export class Progress {
  private readonly started = Date.now();
  private readonly mode: Mode;
  private readonly stream: NodeJS.WriteStream;
  private readonly afterMs: number;
  /** The delay has passed (its timer fired). */
  private due = false;
  private readonly everyMs: number;
  private state: ProgressState = {};
  private bar?: SingleBar;
  private lastLine?: { at: number; state: string };
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.mode = options.json ? 'json' : this.stream.isTTY ? 'bar' : 'plain';
    this.afterMs = options.afterMs ?? progressDelayFromEnv();
    this.everyMs = options.everyMs ?? (this.mode === 'json' ? 1000 : 5000);
    // A job that only waits sends no updates: show it anyway once it has run long enough.
    // The timer's firing is the delay passing: Date.now() may still read a millisecond short of it.
    this.timer = setTimeout(() => {
      this.due = true;
      this.render();
    }, this.afterMs);
    this.timer.unref();
  }

  update(state: ProgressState): void {
    this.state = state;
    this.render();
  }

  /** Ends the display: the bar stays with its last state; plain and JSON output get the last state if they missed it. */
  stop(): void {
    if (this.stopped) return;
    if (this.lastLine && this.mode !== 'bar') this.render(true);
    this.stopped = true;
    clearTimeout(this.timer);
    this.bar?.stop();
  }

  private render(final = false): void {
    if (this.stopped || (!this.due && Date.now() - this.started < this.afterMs)) return;
    if (this.mode === 'bar') return this.renderBar();
    const now = Date.now();
    const state = JSON.stringify(this.state);
    // Plain and JSON lines pile up in a log: one per interval, and none when nothing changed.
    if (this.lastLine && (this.lastLine.state === state || (!final && now - this.lastLine.at < this.everyMs))) return;
    this.lastLine = { at: now, state };
    this.stream.write(`${this.mode === 'json' ? JSON.stringify(this.jsonLine()) : `${this.plainLine()}, ${elapsed(now - this.started)}`}\n`);
  }

  private renderBar(): void {
    const { done = 0, total = 0 } = this.state;
    const payload = { ...this.state };
    if (!this.bar) {
      this.bar = new SingleBar({ stream: this.stream, format: this.barLine, hideCursor: true, barsize: 30 }, Presets.shades_classic);
      this.bar.start(total || 1, done, payload);
    } else {
      this.bar.setTotal(total || 1);
      this.bar.update(done, payload);
    }
  }

  // The elapsed time counts from the job's start, not the bar's (which appears later).
  private readonly barLine = (options: Options, params: Params, payload: ProgressState): string => {
    const counted = payload.done === undefined ? undefined : payload.total ? `${Format.BarFormat(params.progress, options)} ${Math.floor(params.progress * 100)}% ${payload.done}/${payload.total} ${this.options.unit}` : `${payload.done} ${this.options.unit}`;
    return [this.options.job, counted, payload.detail, elapsed(Date.now() - this.started)].filter(Boolean).join(' | ');
  };

  private plainLine(): string {
    const { done, total, detail } = this.state;
    const counted = done === undefined ? undefined : total ? `${done}/${total} ${this.options.unit} (${Math.floor((done / total) * 100)}%)` : `${done} ${this.options.unit}`;
    return `${this.options.job}: ${[counted, detail].filter(Boolean).join(', ') || 'running'}`;
  }

  private jsonLine() {
    const { done, total, detail } = this.state;
    return { progress: this.options.job, unit: this.options.unit, done: done ?? null, total: total || null, detail: detail ?? null, elapsedMs: Date.now() - this.started };
  }
}

function progressDelayFromEnv(): number {
  const raw = Number(process.env.SUBSYNC_PROGRESS_AFTER_MS);
  return process.env.SUBSYNC_PROGRESS_AFTER_MS !== undefined && Number.isFinite(raw) && raw >= 0 ? raw : 2000;
}

/** 75_000 → "1m 15s". */
function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}
