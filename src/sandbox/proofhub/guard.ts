import type { MiddlewareHandler } from "hono";
import type { RateLimiter } from "../kit/rate-limiter.ts";
import { proofhubError, retryAfterSeconds } from "./errors.ts";
import type { ProofhubStore } from "./store.ts";

/**
 * How strictly `User-Agent` is checked. The docs make it mandatory in the form `AppName (email)`:
 * - `app-and-email` (default): a name followed by an e-mail address in parentheses, else 400. Node's fetch sends
 *   `User-Agent: node` when a client sets none, so only this policy catches a connector that forgot the header.
 * - `present`: any non-empty value.
 */
export type UserAgentPolicy = "app-and-email" | "present";

export interface GuardOptions {
  store: ProofhubStore;
  /** `undefined` when rate limits are off. */
  limiter: RateLimiter | undefined;
  userAgent: UserAgentPolicy;
}

const APP_AND_EMAIL = /^[^()]*\w[^()]*\([^()]*[^\s()@]@[^\s()@]+\.[^\s()@]+[^()]*\)/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Request-level rules of `/api/v3/*`, in the order the sandbox applies them:
 * 1. `User-Agent` missing or malformed → 400;
 * 2. `X-API-KEY` missing or wrong, or its owner deleted or suspended → 401;
 * 3. 25 requests / 10 s per key → 429 with `Retry-After` (refused requests do not count);
 * 4. a write with a key whose owner is not an admin → 403;
 * 5. POST / PUT without a JSON content type → 415.
 */
export function proofhubGuard({ store, limiter, userAgent }: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const agent = c.req.header("user-agent")?.trim();
    if (!agent) return proofhubError(400, 'User-Agent header is required, e.g. "MyApp (you@example.com)"');
    if (userAgent === "app-and-email" && !APP_AND_EMAIL.test(agent)) {
      return proofhubError(
        400,
        'User-Agent must name your app and a contact e-mail, e.g. "MyApp (you@example.com)"',
      );
    }

    const key = c.req.header("x-api-key");
    if (!key || key !== store.credentials.apiKey) return proofhubError(401, "Invalid API key");
    const keyStatus = store.keyStatus();
    if (keyStatus !== "valid") {
      const why = keyStatus === "owner-deleted" ? "has been removed" : "is suspended";
      return proofhubError(401, `Invalid API key: the user it belongs to ${why}`);
    }

    const decision = limiter?.take(key);
    if (decision && !decision.allowed) {
      return proofhubError(
        429,
        `Rate limit exceeded: at most ${decision.limit} requests per ${decision.windowMs / 1000} seconds`,
        { headers: { "retry-after": retryAfterSeconds(decision.resetMs) } },
      );
    }

    const method = c.req.method;
    if (WRITES.has(method) && !store.keyIsAdmin()) {
      return proofhubError(403, "You do not have permission to perform this action");
    }
    if ((method === "POST" || method === "PUT") && !JSON_TYPE.test(c.req.header("content-type") ?? "")) {
      return proofhubError(415, "Content-Type must be application/json");
    }
    await next();
  };
}
