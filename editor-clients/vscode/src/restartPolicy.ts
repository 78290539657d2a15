// When to restart a crashed server: with growing delays, and not at all after too many crashes in a short time.
// Pure: tested in Node without VS Code.

export const MaxCrashes = 5;
export const CrashWindowMs = 3 * 60 * 1000;

export type Decision = { restart: true; delayMs: number } | { restart: false; reason: string };

export class RestartPolicy {
  private crashes: number[] = [];

  /** Records a crash at <now> and decides what to do. */
  onCrash(now: number): Decision {
    this.crashes = this.crashes.filter(t => now - t < CrashWindowMs);
    this.crashes.push(now);
    if (this.crashes.length >= MaxCrashes) {
      return { restart: false, reason: `The LlamaCode server crashed ${this.crashes.length} times in the last 3 minutes; it will not be restarted. See the logs, then run "LlamaCode: Restart Server".` };
    }
    // 0.5 s, 1 s, 2 s, 4 s for the crashes within the window.
    return { restart: true, delayMs: 500 * 2 ** (this.crashes.length - 1) };
  }

  /** A manual restart starts a fresh count. */
  reset(): void {
    this.crashes = [];
  }
}
