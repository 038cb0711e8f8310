import type { Logger } from "pino";
import { isHttpError } from "../../http/index.ts";
import type { ProductiveApi } from "./client.ts";
import type { ProductiveUser } from "./types.ts";

/**
 * The logins (`GET /users`) of one sync pass, joined in memory to people by `attributes.user_id`. A person's login
 * adds what the person record lacks: the sign-in e-mail (it can differ from the person's e-mail), `sysadmin`
 * (privileged), `two_factor_auth` and `sso_provision` (evidence in `raw`).
 *
 * The users walk is enrichment, not the account listing: when Productive refuses it (403, or 404 where a token may
 * not list logins) the pass goes on without logins and says so in a warning; any other failure (401, 5xx after
 * retries, a bad shape) fails the account listing, so nothing is marked gone on the strength of half a picture.
 */
export class UserDirectory {
  private constructor(
    private readonly byId: ReadonlyMap<string, ProductiveUser>,
    /** False when the walk was refused: every lookup then answers null. */
    readonly available: boolean,
  ) {}

  static async load(api: ProductiveApi, logger?: Logger): Promise<UserDirectory> {
    const byId = new Map<string, ProductiveUser>();
    try {
      for await (const page of api.users()) for (const user of page) byId.set(user.id, user);
    } catch (error) {
      if (isHttpError(error, "forbidden") || isHttpError(error, "not_found")) {
        logger?.warn(
          { app: api.http.app, code: error.code },
          "productive: GET /users refused; accounts are listed without their logins (no username, no sysadmin flag)",
        );
        return new UserDirectory(new Map(), false);
      }
      throw error;
    }
    return new UserDirectory(byId, true);
  }

  static empty(): UserDirectory {
    return new UserDirectory(new Map(), false);
  }

  /** The login with this `user_id`, or null (no login yet, created after the walk, or logins unavailable). */
  get(userId: number | null | undefined): ProductiveUser | null {
    if (userId === null || userId === undefined) return null;
    return this.byId.get(String(userId)) ?? null;
  }
}
