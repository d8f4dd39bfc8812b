/**
 * The one place that reads configuration (docs/conventions.md, Environment). Apps extend `baseEnvSchema` with their
 * own variables and call `loadEnv` once at start-up; everything else receives typed values.
 */
import { z } from "zod";

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** `KAFKA_BROKERS=host:port[,host:port]` -> `["host:port", ...]`. */
const brokerList = z
  .string()
  .transform((raw) => raw.split(",").map((broker) => broker.trim()))
  .refine((brokers) => brokers.every((broker) => hostPort.test(broker)), {
    message: "expected host:port[,host:port]",
  });

/**
 * `TRUSTED_PROXY_COUNT`: how many reverse proxies (load balancer, TLS terminator) stand between the
 * internet and the web app. Only their X-Forwarded-* values are believed: the client address is the
 * one the outermost of them recorded. 0 (the default: the app is reached directly) believes none,
 * since any client can send those headers.
 */
const proxyCount = z
  .string()
  .regex(/^\d{1,2}$/, "expected the number of reverse proxies in front of the web app (0-99)")
  .transform(Number);

export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// URL" }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "expected a redis:// URL" }).optional(),
  KAFKA_BROKERS: brokerList.optional(),
  NEXUS_DATA_DIR: z.string().default(".nexus"),
  TRUSTED_PROXY_COUNT: proxyCount.default(0),
  /**
   * The market-data service the risk figures' daily prices come from (http/market-data-client.ts); unset,
   * the stored bars are the only source. When it cannot be reached the stored bars stand in, marked stale.
   */
  MARKET_DATA_URL: z.url({ protocol: /^https?$/, error: "expected an http(s):// URL" }).optional(),
  /** The Orders service positions can be synced from (http/orders-client.ts); unset, trades alone make them. */
  ORDERS_SERVICE_URL: z.url({ protocol: /^https?$/, error: "expected an http(s):// URL" }).optional(),
});

export type BaseEnv = z.output<typeof baseEnvSchema>;

export type EnvSource = Readonly<Record<string, string | undefined>>;

export type ParsedEnv<T> = { ok: true; env: T } | { ok: false; message: string };

/** `VAR=` in a shell or .env file means "not set", so it falls back to the default like a missing one. */
const withoutEmptyStrings = (source: EnvSource): Record<string, string> => {
  const cleaned: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== "") cleaned[name] = value;
  }
  return cleaned;
};

/** Validates `source` against `schema`; on failure `message` is one line naming each bad variable. */
export const parseEnv = <S extends z.ZodType>(schema: S, source: EnvSource): ParsedEnv<z.output<S>> => {
  const result = schema.safeParse(withoutEmptyStrings(source));
  if (result.success) return { ok: true, env: result.data };
  const message = result.error.issues
    .map((issue) => {
      const name = issue.path.map(String).join(".") || "(environment)";
      const problem = issue.code === "invalid_type" && issue.input === undefined ? "required" : issue.message;
      return `${name}: ${problem}`;
    })
    .join("; ");
  return { ok: false, message };
};

/** Start-up helper: a bad configuration stops the process with a readable reason instead of a stack. */
export const loadEnv = <S extends z.ZodType>(schema: S, source: EnvSource = process.env): z.output<S> => {
  const parsed = parseEnv(schema, source);
  if (parsed.ok) return parsed.env;
  process.stderr.write(`nexus: invalid configuration: ${parsed.message}\n`);
  process.exit(1);
};
