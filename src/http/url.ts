import { HttpError } from "./errors.ts";

export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean)[];
/** Query parameters; arrays repeat the key (`roles[]=a&roles[]=b`: the caller spells the brackets). */
export type Query = Record<string, QueryValue>;

/**
 * The URL for `path` under `baseUrl`. A relative path is appended to the base path (`/api/v2` + `/people`), keeping
 * a trailing slash (Podio's `/org/1/member/`). An absolute URL (a `links.next`) is used as is — but only on the
 * base's origin: credentials never go to another host. Query values replace same-named ones already in the URL.
 */
export function resolveUrl(
  baseUrl: URL,
  path: string,
  query: Query | undefined,
  app: string,
  method: string,
): URL {
  let url: URL;
  if (/^[a-z][a-z\d+.-]*:/i.test(path) || path.startsWith("//")) {
    url = new URL(path, baseUrl);
    if (url.origin !== baseUrl.origin) {
      throw new HttpError({
        code: "invalid",
        app,
        method,
        path: url.pathname,
        detail: `refusing to send credentials to ${url.origin} (client is bound to ${baseUrl.origin})`,
      });
    }
  } else {
    const basePath = baseUrl.pathname.replace(/\/+$/, "");
    const [pathname = "", search = ""] = path.split(/\?(.*)/s, 2);
    url = new URL(baseUrl.origin);
    url.pathname = `${basePath}/${pathname.replace(/^\/+/, "")}`;
    url.search = search;
  }
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    url.searchParams.delete(name);
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url;
}
