import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { DROP_HEADER } from "./middleware.ts";

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` that calls the Hono app in-process (no sockets), for connectors under test. A dropped connection
 * surfaces as the same `TypeError("fetch failed")` Node's fetch throws.
 */
export function inProcessFetch(app: Pick<Hono, "request">): FetchLike {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await app.request(request);
    if (response.headers.get(DROP_HEADER)) {
      const cause = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      throw new TypeError("fetch failed", { cause });
    }
    return response;
  };
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serve a Hono app on 127.0.0.1 (port 0 picks a free one). */
export function startServer(
  app: Pick<Hono, "fetch">,
  port = 0,
  hostname = "127.0.0.1",
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.on("error", reject);
  });
}
