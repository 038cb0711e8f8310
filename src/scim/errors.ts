/**
 * SCIM errors (RFC 7644 §3.12): every 4xx/5xx answer carries the error body
 * `{"schemas":[ERROR_SCHEMA],"status":"400","scimType":"invalidFilter","detail":"..."}`.
 */

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The `scimType` values of RFC 7644 Table 9 (plus none for 401/403/404/405/409 without a type). */
export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export interface ScimErrorBody {
  schemas: [typeof ERROR_SCHEMA];
  status: string;
  scimType?: string;
  detail: string;
}

/** Throw from anywhere in the engine, a store or a hook to answer with a SCIM error. */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType?: string;
  readonly detail: string;

  constructor(status: number, detail: string, scimType?: ScimType | string) {
    super(scimType ? `${status} ${scimType}: ${detail}` : `${status}: ${detail}`);
    this.name = "ScimError";
    this.status = status;
    this.detail = detail;
    if (scimType !== undefined) this.scimType = scimType;
  }

  toBody(): ScimErrorBody {
    return {
      schemas: [ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");
export const invalidSyntax = (detail: string) => new ScimError(400, detail, "invalidSyntax");
export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const invalidPath = (detail: string) => new ScimError(400, detail, "invalidPath");
export const noTarget = (detail: string) => new ScimError(400, detail, "noTarget");
export const mutability = (detail: string) => new ScimError(400, detail, "mutability");
export const tooMany = (detail: string) => new ScimError(400, detail, "tooMany");
export const uniqueness = (detail: string) => new ScimError(409, detail, "uniqueness");
export const notFound = (detail: string) => new ScimError(404, detail);
