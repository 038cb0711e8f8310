/**
 * Each app's credentials, derived from the world seed: deterministic, distinct per app and per token kind, and
 * shaped like the real thing closely enough to be recognisable in a config file (`pb_rest_…`, `pb_scim_…`).
 */
import { hex, STREAMS, streamRng } from "./random.ts";
import type { World } from "./types.ts";

export type WorldCredentials = { [App in keyof World["apps"]]: World["apps"][App]["credentials"] };

export function generateCredentials(seed: number, primaryDomain: string): WorldCredentials {
  const rng = streamRng(seed, STREAMS.credentials);
  const slug = (primaryDomain.split(".")[0] ?? "company").replace(/[^a-z0-9-]/g, "");
  const secret = (length: number) => hex(rng, length);
  // Fixed draw order: adding a field to one app must not change another app's secrets.
  const productboard = {
    restToken: `pb_rest_${secret(40)}`,
    restTokenNoPii: `pb_rest_nopii_${secret(40)}`,
    scimToken: `pb_scim_${secret(40)}`,
  };
  const productive = {
    token: `prd_${secret(36)}`,
    organizationId: String(rng.int(1000, 49_999)),
  };
  const proofhub = { apiKey: `ph_${secret(32)}`, company: slug };
  const podio = {
    clientId: `${slug}-roster-${secret(6)}`,
    clientSecret: `pd_secret_${secret(48)}`,
    username: `podio-admin@${primaryDomain}`,
    password: `pd_pass_${secret(20)}`,
    appId: rng.int(10_000_000, 29_999_999),
    appToken: `pd_app_${secret(32)}`,
  };
  const docebo = {
    clientId: `${slug}-roster-${secret(8)}`,
    clientSecret: `dcb_secret_${secret(40)}`,
    username: `api.admin@${primaryDomain}`,
    password: `dcb_pass_${secret(20)}`,
    scimToken: `dcb_scim_${secret(40)}`,
  };
  return { productboard, productive, proofhub, podio, docebo };
}
