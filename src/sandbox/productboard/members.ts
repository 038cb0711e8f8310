import type { Hono } from "hono";
import type { SandboxContext } from "../kit/context.ts";
import { jsonBytes, rawJson, rawJsonArray, sendJson } from "../kit/json-fragments.ts";
import { encodeCursor, type MemberCursor } from "./cursor.ts";
import { applyPageDrift } from "./drift.ts";
import { productboardError } from "./errors.ts";
import { parseListParams } from "./list-params.ts";
import type { RestEnv } from "./rest-auth.ts";
import type { ProductboardWorkspace } from "./workspace.ts";

export interface MemberRoutesOptions {
  ctx: SandboxContext;
  workspace: ProductboardWorkspace;
  pageSize: number;
}

/** `GET /v2/members` and `GET /v2/members/{id}` (https://developer.productboard.com/v2.0.0/reference). */
export function memberRoutes(app: Hono<RestEnv>, { ctx, workspace, pageSize }: MemberRoutesOptions): void {
  const nextLink = (requestUrl: URL, cursor: MemberCursor) =>
    `${requestUrl.origin}/v2/members?pageCursor=${encodeCursor(cursor)}`;

  /** The cursor the first page of this listing hands out (or the start, when one page holds it all). */
  const firstCursor = (filter: MemberCursor["filter"]): MemberCursor => {
    const first = workspace.members.page(filter, 0, pageSize);
    const last = first.rows.at(-1);
    return { afterSeq: first.hasMore && last ? last.seq : 0, filter };
  };

  app.get("/members", (c) => {
    const url = new URL(c.req.url);
    const params = parseListParams(url.searchParams);
    if (!params.ok) return productboardError(c, 400, "bad_request", params.detail);
    const { afterSeq, filter } = params.cursor;
    const { rows, hasMore } = workspace.members.page(filter, afterSeq, pageSize);
    const last = rows.at(-1);
    let next = hasMore && last ? nextLink(url, { afterSeq: last.seq, filter }) : null;
    // Quirk (community report): the last page hands back the first cursor again; clients must guard.
    if (next === null && workspace.repeatFirstCursor) next = nextLink(url, firstCursor(filter));
    const { pii } = c.get("access");
    const data = rawJsonArray(rows.map((row) => workspace.members.json(row, pii)));
    // Serialized before drift removes any of these rows.
    const body = jsonBytes({ data, links: { next } });
    applyPageDrift(ctx, workspace, rows);
    return sendJson(c, body);
  });

  app.get("/members/:id", (c) => {
    const row = workspace.members.get(c.req.param("id"));
    if (!row) return productboardError(c, 404, "not_found", `Member '${c.req.param("id")}' was not found.`);
    return sendJson(c, jsonBytes({ data: rawJson(workspace.members.json(row, c.get("access").pii)) }));
  });

  for (const path of ["/members", "/members/:id"]) {
    app.on(["POST", "PUT", "PATCH", "DELETE"], path, (c) =>
      productboardError(c, 405, "method_not_allowed", `${c.req.method} is not supported on ${c.req.path}.`, {
        Allow: "GET",
      }),
    );
  }
}
