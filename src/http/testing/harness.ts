import type { Hono } from "hono";
import { inProcessFetch } from "../../sandbox/kit/transport.ts";
import { createHttpClient, type HttpClient, type HttpClientOptions } from "../client.ts";
import type { HttpEvent } from "../stats.ts";
import type { FetchLike } from "../transport.ts";
import { type VirtualTime, virtualTime } from "./virtual-time.ts";

export interface Harness {
  client: HttpClient;
  time: VirtualTime;
  events: HttpEvent[];
  /** Virtual milliseconds since the harness was built. */
  elapsed(): number;
}

/**
 * A client wired to a Hono app in-process, on virtual time, with deterministic jitter (0.5) and recorded events.
 * For tests of the HTTP layer and of connectors alike.
 */
export function clientFor(
  app: Pick<Hono, "request"> | FetchLike,
  options: Partial<HttpClientOptions> & { time?: VirtualTime } = {},
): Harness {
  const { time = virtualTime(), ...rest } = options;
  const events: HttpEvent[] = [];
  const start = time.clock.now();
  const client = createHttpClient({
    app: "test",
    baseUrl: "https://api.test",
    fetch: typeof app === "function" ? app : inProcessFetch(app),
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...rest,
  });
  return { client, time, events, elapsed: () => time.clock.now() - start };
}
