import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, redactConfig } from "./load.ts";

const good = `
company:
  name: Northwind
  domains: [northwind.example]
apps:
  productive:
    type: productive
    baseUrl: https://api.productive.io/api/v2
    token: \${PRODUCTIVE_TOKEN}
    organizationId: 913
  podio:
    type: podio
    baseUrl: https://api.podio.com
    orgId: 12
    clientId: roster
    clientSecret: \${PODIO_SECRET}
    username: admin@northwind.example
    password: \${PODIO_PASSWORD}
`;
const env = { PRODUCTIVE_TOKEN: "tok-123", PODIO_SECRET: "sec-456", PODIO_PASSWORD: "pw-789" };

function problems(text: string, vars: Record<string, string> = env) {
  try {
    parseConfig(text, "roster.yaml", vars);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("config", () => {
  it("parses a valid file with defaults and resolves ${ENV} references", () => {
    const config = parseConfig(good, "roster.yaml", env);
    expect(config.apps.productive).toMatchObject({
      type: "productive",
      token: "tok-123",
      organizationId: "913",
    });
    expect(config.apps.podio).toMatchObject({ orgId: 12, password: "pw-789" });
    expect(config.findings).toEqual({ staleDays: 90, inviteDays: 30 });
    expect(config.sync.dropThreshold).toBe(0.5);
  });

  it("names the line, the key and the unset variable — without any secret value", () => {
    const found = problems(good, { PRODUCTIVE_TOKEN: "tok-123" });
    expect(found).toEqual([
      {
        path: "apps.podio.clientSecret",
        line: 16,
        message: expect.stringContaining("PODIO_SECRET is not set"),
      },
      {
        path: "apps.podio.password",
        line: 18,
        message: expect.stringContaining("PODIO_PASSWORD is not set"),
      },
    ]);
  });

  it("reports a wrong type with its line and what is expected", () => {
    const found = problems(good.replace("orgId: 12", "orgId: twelve"));
    expect(found[0]).toMatchObject({ path: "apps.podio.orgId", line: 14 });
    expect(found[0]!.message).toMatch(/number/);
  });

  it("reports an unknown key at its own line", () => {
    const found = problems(good.replace("    orgId: 12", "    orgId: 12\n    orgid: 13"));
    expect(found[0]).toMatchObject({ path: "apps.podio", line: 15 });
    expect(found[0]!.message).toContain("`orgid`");
  });

  it("reports an unknown app type", () => {
    const found = problems(good.replace("type: podio", "type: podioo"));
    expect(found[0]!.path).toBe("apps.podio.type");
    expect(found[0]!.message).toContain("productboard, productive");
  });

  it("explains a Podio config without any grant", () => {
    const found = problems(good.replace(/ {4}username:.*\n {4}password:.*\n/, ""));
    expect(found[0]!.message).toContain("appId");
  });

  it("rejects a ProofHub user agent without a contact address", () => {
    const found = problems(
      `apps:\n  ph:\n    type: proofhub\n    baseUrl: https://x.proofhub.com/api/v3\n    apiKey: k\n    userAgent: roster\n`,
    );
    expect(found[0]).toMatchObject({ path: "apps.ph.userAgent", line: 6 });
  });

  it("reports YAML syntax errors with a line", () => {
    const found = problems("apps:\n  a: [unclosed\n");
    expect(found[0]!.message).toContain("YAML syntax");
    expect(found[0]!.line).toBeGreaterThan(0);
  });

  it("never includes secret values in an error", () => {
    const text = good.replace(
      "clientId: roster",
      "clientId: 12345678901234567890123456789012345678901234567890x\n    bogus: 1",
    );
    try {
      parseConfig(text, "roster.yaml", env);
    } catch (err) {
      for (const value of Object.values(env)) expect(String(err)).not.toContain(value);
    }
  });

  it("redacts secrets for display", () => {
    const shown = JSON.stringify(redactConfig(parseConfig(good, "roster.yaml", env)));
    for (const value of Object.values(env)) expect(shown).not.toContain(value);
    expect(shown).toContain('"clientId":"roster"');
  });
});
