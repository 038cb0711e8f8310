import type { Clock, Sleep } from "../timers.ts";

/** A clock tests can move: the sandbox kit's `ManualClock` fits. */
export interface AdvanceableClock extends Clock {
  advance(ms: number): void;
}

export interface VirtualTime {
  clock: AdvanceableClock;
  sleep: Sleep;
  /** Timers still pending (a test that ends with some left has leaked a wait). */
  pending(): number;
}

interface Timer {
  at: number;
  order: number;
  resolve(): void;
}

/**
 * Discrete-event time for tests: `sleep(ms)` registers a timer, and whenever the process is otherwise idle the
 * earliest timer fires after the clock is advanced to its instant. Hono apps called in-process finish on
 * microtasks, so requests take zero virtual time and a paced walk over a 30-minute window runs in milliseconds,
 * deterministically. Share `clock` with the fake server so both sides see the same time.
 *
 * `settleTurns` is how many event-loop turns must pass with nothing new before time moves on.
 */
export function virtualTime(
  options: { clock?: AdvanceableClock; start?: number; settleTurns?: number } = {},
): VirtualTime {
  const clock = options.clock ?? manualClock(options.start ?? Date.parse("2026-11-01T00:00:00Z"));
  const settleTurns = options.settleTurns ?? 4;
  const timers: Timer[] = [];
  let order = 0;
  let running = false;

  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function run(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (timers.length > 0) {
        for (let i = 0; i < settleTurns; i += 1) await turn();
        if (timers.length === 0) break;
        timers.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = timers.shift()!;
        const now = clock.now();
        if (next.at > now) clock.advance(next.at - now);
        next.resolve();
      }
    } finally {
      running = false;
    }
  }

  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (ms <= 0) return resolve();
      const timer: Timer = {
        at: clock.now() + ms,
        order: order++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      timers.push(timer);
      void run();
    });

  return { clock, sleep, pending: () => timers.length };
}

function manualClock(start: number): AdvanceableClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
