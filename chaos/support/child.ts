import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Children still running: killed when this process exits, whatever happens (one listener for all). */
const running = new Set<Child>();
process.once('exit', () => {
  for (const child of running) child.process.kill('SIGKILL');
});

/** The repository root: every process runs from here, as `npm start` does. */
export const repoRoot = path.resolve(__dirname, '../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A real child process of the chaos suite: its output goes to a log file (and is kept in memory,
 * to wait for a line), a SIGKILL kills exactly it (TypeScript runs in the same process through
 * `node --import tsx`, no wrapper), and it dies with this process whatever happens.
 */
export class Child {
  readonly process: ChildProcess;
  readonly exited: Promise<Exit>;
  private output = '';

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: { env: NodeJS.ProcessEnv; logFile: string; cwd?: string },
  ) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    const log = fs.createWriteStream(options.logFile, { flags: 'a' });
    this.process = spawn(command, args, { cwd: options.cwd ?? repoRoot, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      this.output = (this.output + chunk.toString('utf8')).slice(-64 * 1024);
    };
    this.process.stdout!.on('data', keep);
    this.process.stderr!.on('data', keep);
    running.add(this);
    this.exited = new Promise((resolve) =>
      this.process.once('exit', (code, signal) => {
        running.delete(this);
        log.end();
        resolve({ code, signal });
      }),
    );
  }

  get pid(): number {
    return this.process.pid!;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The last 64 KB it printed. */
  tail(): string {
    return this.output;
  }

  /** Waits for a line matching `pattern`; fails if the process exits first or the time runs out. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (!this.running) throw new Error(`${this.name} exited (${this.process.exitCode ?? this.process.signalCode}) before printing ${pattern}:\n${this.output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs / 1000} s:\n${this.output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.process.kill(signal);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended and how long it took. */
  async stop(graceMs = 30_000): Promise<Exit & { ms: number; killed: boolean }> {
    const started = Date.now();
    if (!this.running) return { ...(await this.exited), ms: 0, killed: false };
    this.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.kill('SIGKILL');
    }, graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return { ...exit, ms: Date.now() - started, killed };
  }
}

/** `node [nodeFlags] --import tsx <file>`: TypeScript in one process whose pid is the one to kill. */
export function tsNode(name: string, file: string, args: string[], options: { env: NodeJS.ProcessEnv; logFile: string; nodeFlags?: readonly string[] }): Child {
  return new Child(name, process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', path.resolve(repoRoot, file), ...args], options);
}
