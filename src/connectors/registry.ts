/** Build the connector for each configured app instance. */
import type { AppConfig } from "../config/schema.ts";
import type { Connector, ConnectorDeps } from "./contract.ts";
import { createDoceboConnector } from "./docebo/index.ts";
import { createPodioConnector } from "./podio/index.ts";
import { createProductboardConnector } from "./productboard/index.ts";
import { createProductiveConnector } from "./productive/index.ts";
import { createProofhubConnector } from "./proofhub/index.ts";
import { createScimConnector } from "./scim/index.ts";

export function createConnector(app: string, config: AppConfig, deps: ConnectorDeps = {}): Connector {
  switch (config.type) {
    case "productboard":
      return createProductboardConnector(app, config, deps);
    case "productive":
      return createProductiveConnector(app, config, deps);
    case "proofhub":
      return createProofhubConnector(app, config, deps);
    case "podio":
      return createPodioConnector(app, config, deps);
    case "docebo":
      return createDoceboConnector(app, config, deps);
    case "scim":
      return createScimConnector(app, config, deps);
  }
}
