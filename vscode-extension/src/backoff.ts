// When to restart a crashed server: exponential backoff, and a limit on how
// many crashes in a row are retried. Pure logic (no `vscode` import).

export interface BackoffOptions {
  /** Delay before the first restart. */
  initialMs: number;
  /** The longest delay. */
  maxMs: number;
  factor: number;
  /** Give up after this many crashes within `windowMs`. */
  maxCrashes: number;
  windowMs: number;
  /** A server that ran this long before crashing starts the count afresh. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  factor: 2,
  maxCrashes: 5,
  windowMs: 3 * 60_000,
  stableMs: 60_000,
};

export class RestartPolicy {
  private crashes: number[] = [];
  private runningSince: number | undefined;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** The server is up (initialized). */
  running(now: number): void {
    this.runningSince = now;
  }

  /** Forget past crashes (a restart the user asked for, new settings). */
  reset(): void {
    this.crashes = [];
    this.runningSince = undefined;
  }

  /** Crashes counted now. */
  get count(): number {
    return this.crashes.length;
  }

  /**
   * The server stopped without being asked to: the delay before the next
   * start, or undefined to stop trying.
   */
  crashed(now: number): number | undefined {
    const o = this.options;
    if (this.runningSince !== undefined && now - this.runningSince >= o.stableMs) {
      this.crashes = [];
    }
    this.runningSince = undefined;
    this.crashes = this.crashes.filter((t) => now - t < o.windowMs);
    this.crashes.push(now);
    if (this.crashes.length > o.maxCrashes) {
      return undefined;
    }
    return Math.min(o.maxMs, o.initialMs * o.factor ** (this.crashes.length - 1));
  }
}
