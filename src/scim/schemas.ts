/**
 * The schemas this engine serves (RFC 7643 §4 and §8.7.1): core User, enterprise User extension, core Group, and
 * the common attributes `id`, `externalId`, `meta`. `/Schemas` is generated from these definitions, so what is
 * advertised is exactly what the validator and the filter evaluator use.
 */

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SEARCH_REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
export const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
export const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
export const SERVICE_PROVIDER_CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

export type AttributeType =
  | "string"
  | "boolean"
  | "decimal"
  | "integer"
  | "dateTime"
  | "reference"
  | "binary"
  | "complex";
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";
export type Uniqueness = "none" | "server" | "global";

/** One attribute definition as RFC 7643 §7 spells it. */
export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

type Options = Partial<Omit<AttributeDef, "name" | "type" | "subAttributes">>;

function attr(name: string, type: AttributeType, options: Options = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description: "",
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...options,
  };
}

function complex(name: string, subAttributes: AttributeDef[], options: Options = {}): AttributeDef {
  return { ...attr(name, "complex", options), subAttributes };
}

const TYPES = ["work", "home", "other"];

/** `value`, `display`, `type`, `primary`: the usual shape of a multi-valued complex attribute. */
function multiValued(
  name: string,
  description: string,
  value: AttributeDef = attr("value", "string"),
  types: string[] = TYPES,
): AttributeDef {
  return complex(
    name,
    [
      value,
      attr("display", "string", { description: "A human-readable name, primarily used for display." }),
      attr("type", "string", {
        canonicalValues: types,
        description: "A label indicating the attribute's function.",
      }),
      attr("primary", "boolean", { description: "Indicates the preferred value; true at most once." }),
    ],
    { multiValued: true, description },
  );
}

/** `id`, `externalId`, `meta` (RFC 7643 §3.1): part of every resource, not of any schema's attribute list. */
export const COMMON_ATTRIBUTES: AttributeDef[] = [
  attr("id", "string", {
    caseExact: true,
    mutability: "readOnly",
    returned: "always",
    uniqueness: "server",
    description: "Unique identifier issued by the service provider.",
  }),
  attr("externalId", "string", {
    caseExact: true,
    description: "Identifier defined by the provisioning client.",
  }),
  complex(
    "meta",
    [
      attr("resourceType", "string", { caseExact: true, mutability: "readOnly" }),
      attr("created", "dateTime", { mutability: "readOnly" }),
      attr("lastModified", "dateTime", { mutability: "readOnly" }),
      attr("location", "reference", { caseExact: true, mutability: "readOnly", referenceTypes: ["uri"] }),
      attr("version", "string", { caseExact: true, mutability: "readOnly" }),
    ],
    { mutability: "readOnly", description: "Resource metadata." },
  ),
];

export const USER_SCHEMA_DEF: SchemaDef = {
  id: USER_SCHEMA,
  name: "User",
  description: "User Account",
  attributes: [
    attr("userName", "string", {
      required: true,
      uniqueness: "server",
      description: "Unique identifier for the User, compared case-insensitively.",
    }),
    complex(
      "name",
      [
        attr("formatted", "string"),
        attr("familyName", "string"),
        attr("givenName", "string"),
        attr("middleName", "string"),
        attr("honorificPrefix", "string"),
        attr("honorificSuffix", "string"),
      ],
      { description: "The components of the user's real name." },
    ),
    attr("displayName", "string", { description: "The name of the User, suitable for display." }),
    attr("nickName", "string"),
    attr("profileUrl", "reference", { referenceTypes: ["external"] }),
    attr("title", "string"),
    attr("userType", "string"),
    attr("preferredLanguage", "string"),
    attr("locale", "string"),
    attr("timezone", "string"),
    attr("active", "boolean", { description: "The User's administrative status." }),
    attr("password", "string", {
      mutability: "writeOnly",
      returned: "never",
      description: "Accepted and discarded: this service provider stores no passwords.",
    }),
    multiValued("emails", "Email addresses for the user."),
    multiValued("phoneNumbers", "Phone numbers for the User.", attr("value", "string"), [
      "work",
      "home",
      "mobile",
      "fax",
      "pager",
      "other",
    ]),
    multiValued("ims", "Instant messaging addresses for the User."),
    multiValued(
      "photos",
      "URLs of photos of the User.",
      attr("value", "reference", { referenceTypes: ["external"] }),
      ["photo", "thumbnail"],
    ),
    complex(
      "addresses",
      [
        attr("formatted", "string"),
        attr("streetAddress", "string"),
        attr("locality", "string"),
        attr("region", "string"),
        attr("postalCode", "string"),
        attr("country", "string"),
        attr("type", "string", { canonicalValues: TYPES }),
        attr("primary", "boolean"),
      ],
      { multiValued: true, description: "A physical mailing address for this User." },
    ),
    complex(
      "groups",
      [
        attr("value", "string", { mutability: "readOnly", caseExact: true }),
        attr("$ref", "reference", { mutability: "readOnly", caseExact: true, referenceTypes: ["Group"] }),
        attr("display", "string", { mutability: "readOnly" }),
        attr("type", "string", { mutability: "readOnly", canonicalValues: ["direct", "indirect"] }),
      ],
      {
        multiValued: true,
        mutability: "readOnly",
        description: "Groups the user belongs to, derived from group membership; change it through /Groups.",
      },
    ),
    multiValued("entitlements", "Entitlements of the User."),
    multiValued("roles", "Roles of the User.", attr("value", "string"), []),
    multiValued("x509Certificates", "Certificates of the User.", attr("value", "binary"), []),
  ],
};

export const ENTERPRISE_USER_SCHEMA_DEF: SchemaDef = {
  id: ENTERPRISE_USER_SCHEMA,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    attr("employeeNumber", "string"),
    attr("costCenter", "string"),
    attr("organization", "string"),
    attr("division", "string"),
    attr("department", "string"),
    complex(
      "manager",
      [
        attr("value", "string", {
          caseExact: true,
          description: "The id of the SCIM resource of the manager.",
        }),
        attr("$ref", "reference", { caseExact: true, referenceTypes: ["User"] }),
        attr("displayName", "string", { mutability: "readOnly" }),
      ],
      { description: "The User's manager. A plain string is accepted as the manager's id (Entra)." },
    ),
  ],
};

export const GROUP_SCHEMA_DEF: SchemaDef = {
  id: GROUP_SCHEMA,
  name: "Group",
  description: "Group",
  attributes: [
    attr("displayName", "string", { required: true, description: "A human-readable name for the Group." }),
    complex(
      "members",
      [
        attr("value", "string", {
          caseExact: true,
          mutability: "immutable",
          description: "Id of a member User.",
        }),
        attr("$ref", "reference", { caseExact: true, mutability: "immutable", referenceTypes: ["User"] }),
        attr("type", "string", { mutability: "immutable", canonicalValues: ["User"] }),
        attr("display", "string", { mutability: "readOnly", description: "Filled from the member's User." }),
      ],
      { multiValued: true, description: "A list of members of the Group (Users only)." },
    ),
  ],
};
