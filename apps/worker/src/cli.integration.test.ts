/**
 * `nexus replay` and `nexus db:migrate` as an operator runs them, against the real Postgres and Kafka:
 * in this process through runCli, and the real binary (bin/nexus.mjs -> cli.ts) once for its wiring.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { listAudit } from "@nexus/db/queries/audit";
import { findUserByEmail } from "@nexus/db/queries/auth";
import { openTestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleOrderLine, exampleTradeLine } from "../test/fixtures/events.js";
import { runNexusInProcess } from "../test/nexus-in-process.js";
import { runNexus } from "../test/processes.js";
import { KAFKA_BROKERS, TEST_DATABASE_URL, waitFor } from "../test/services.js";

const db = openTestSchema("worker_cli_it");
const schema = db.schema;
const env = { NEXUS_DB_SCHEMA: schema, KAFKA_BROKERS: "" };
const fixture = "apps/worker/test/fixtures/replay-sample.jsonl";
const kafka = new Kafka({
  clientId: "worker-cli-it",
  brokers: KAFKA_BROKERS.split(","),
  logLevel: logLevel.NOTHING,
});
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "nexus-cli-it-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db.close();
});

const nexus = (args: string[], overrides: Record<string, string> = {}) =>
  runNexusInProcess(args, { env: { ...env, ...overrides } });

async function jsonlFile(name: string, lines: readonly string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

describe("nexus replay --ingest", () => {
  it("stores the valid lines, reports the bad one by line number and exits 2", async () => {
    const run = await nexus(["replay", fixture, "--ingest"]);
    // Piped, stderr holds the rejected line alone: no progress bar.
    expect(run.stderr).toBe(`${fixture}:3: quantity: expected a positive decimal string\n`);
    expect(run.stdout).toBe(`ingested ${fixture}: 4 lines, 3 stored, 0 already stored, 1 invalid\n`);
    expect(run.code).toBe(2);

    const rows = await db.sql.unsafe<{ event_id: string }[]>(
      `select event_id::text from order_events union all select event_id::text from trade_events
       union all select event_id::text from quote_events order by 1`,
    );
    expect(rows.map((row) => row.event_id)).toEqual([
      "a1000000-0000-4000-8000-000000000001",
      "a1000000-0000-4000-8000-000000000002",
      "a1000000-0000-4000-8000-000000000004",
    ]);
  });

  it("stores nothing twice when the same file is replayed again, drawing progress on a terminal", async () => {
    const run = await runNexusInProcess(["replay", fixture, "--ingest"], { env, stderrIsTerminal: true });
    expect(run.stdout).toBe(`ingested ${fixture}: 4 lines, 0 stored, 3 already stored, 1 invalid\n`);
    expect(run.stderr).toContain("ingest [");
    expect(run.stderr).toContain("100% |");
    expect(run.stderr).toContain(`${fixture}:3: quantity: expected a positive decimal string\n`);
  });

  it("exits 0 when every line is stored, counting over every batch written", async () => {
    const file = await jsonlFile("valid.jsonl", [exampleOrderLine, exampleTradeLine, exampleOrderLine]);
    expect(await nexus(["replay", file, "--ingest"], { INGEST_BATCH_MAX: "1" })).toEqual({
      code: 0,
      stdout: `ingested ${file}: 3 lines, 2 stored, 1 already stored, 0 invalid\n`,
      stderr: "",
    });
  });

  it("lists the first 200 rejected lines and counts the rest", async () => {
    const file = await jsonlFile(
      "garbage.jsonl",
      Array.from({ length: 203 }, (_, index) => `garbage ${index}`),
    );
    const run = await nexus(["replay", file, "--ingest"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(`ingested ${file}: 203 lines, 0 stored, 0 already stored, 203 invalid\n`);
    const reported = run.stderr.trimEnd().split("\n");
    expect(reported).toHaveLength(201);
    expect(reported[0]).toBe(`${file}:1: not a JSON object, so its topic is unknown`);
    expect(reported[199]).toBe(`${file}:200: not a JSON object, so its topic is unknown`);
    expect(reported[200]).toBe("... and 3 more");
  });

  it("refuses a missing file with a usage error and exit 1", async () => {
    const run = await nexus(["replay", "no/such/file.jsonl", "--ingest"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("nexus: cannot read no/such/file.jsonl");
  });
});

describe("nexus replay (to Kafka)", () => {
  // A topic of this file's own, so no consumer of the contract topics sees these lines.
  const topic = `cli-replay-it-${randomBytes(6).toString("hex")}`;
  const admin = kafka.admin();
  const records = [
    { key: "AAPL", payload: exampleOrderLine },
    { key: "MSFT", payload: exampleTradeLine },
  ];
  /** kcat -J records of `topic`, as a dump of it would hold them. */
  const recorded = (entries: typeof records) =>
    entries.map((record, offset) => JSON.stringify({ topic, partition: 0, offset, ...record }));

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it("publishes each kcat record to the topic it was read from, keyed as it was, and skips what has no topic", async () => {
    const file = await jsonlFile("recorded.jsonl", [
      ...recorded(records),
      '{"event_type":"surveillance.alert"}',
    ]);
    const run = await nexus(["replay", file], { KAFKA_BROKERS });
    expect(run).toEqual({
      code: 2,
      stdout: `replayed ${file}: 3 lines, 2 published to Kafka (2 invalid, left for the consumer to dead-letter), 1 skipped\n`,
      stderr: `${file}:3: event_type "surveillance.alert" is not a consumed event type, so its topic is unknown\n`,
    });

    const consumer = kafka.consumer({ groupId: `${topic}-reader` });
    try {
      const received: Array<{ key: string; payload: string }> = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) =>
          void received.push({ key: String(message.key), payload: String(message.value) }),
      });
      await waitFor(async () => received.length === 2, { what: "the two replayed messages" });
      expect(received).toEqual(records);
    } finally {
      await consumer.disconnect();
    }
  });

  it("exits 0 when every line is published, and shows the Kafka client's own log at LOG_LEVEL=debug", async () => {
    const file = await jsonlFile("one-record.jsonl", recorded(records.slice(0, 1)));
    const run = await nexus(["replay", file], { KAFKA_BROKERS, LOG_LEVEL: "debug" });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `replayed ${file}: 1 lines, 1 published to Kafka (1 invalid, left for the consumer to dead-letter), 0 skipped\n`,
    );
    expect(run.stderr).toMatch(/^\{"level":20,.*"kafkajs":/m);
  });

  it("refuses to publish without KAFKA_BROKERS rather than dropping the lines", async () => {
    const run = await nexus(["replay", fixture]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("KAFKA_BROKERS is not set");
  });

  it("gives up on an unreachable broker with exit 1 and one line naming why", async () => {
    const run = await nexus(["replay", fixture], { KAFKA_BROKERS: "127.0.0.1:1" });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: "nexus: Connection error: connect ECONNREFUSED 127.0.0.1:1\n",
    });
  });
});

describe("nexus db:migrate", () => {
  it("migrates a fresh schema and is a no-op the second time", async () => {
    const freshDb = openTestSchema("worker_cli_migrate");
    const fresh = freshDb.schema;
    try {
      for (let run = 0; run < 2; run++) {
        const result = await nexus(["db:migrate"], { NEXUS_DB_SCHEMA: fresh });
        expect(result).toMatchObject({ code: 0, stdout: `migrated schema ${fresh}\n` });
      }
      const tables = await freshDb.sql<{ n: string }[]>`
        select count(*) as n from information_schema.tables where table_schema = ${fresh} and table_name = 'order_events'`;
      expect(Number(tables[0]?.n)).toBe(1);
    } finally {
      await freshDb.close();
    }
  });

  it("answers an unreachable database with exit 1 and one line naming why", async () => {
    const run = await nexus(["db:migrate"], { DATABASE_URL: "postgres://postgres@127.0.0.1:1/test" });
    expect(run).toEqual({ code: 1, stdout: "", stderr: "nexus: connect ECONNREFUSED 127.0.0.1:1\n" });
  });
});

describe("the nexus binary", () => {
  const binaryEnv = { DATABASE_URL: TEST_DATABASE_URL, NEXUS_DB_SCHEMA: schema, KAFKA_BROKERS: "" };

  it("creates a user from a piped password, names the operating-system user in the audit, echoes the password nowhere", async () => {
    const password = "piped through the real binary";
    const run = await runNexus(
      ["users", "create", "--email", "binary@example.com", "--role", "ops"],
      binaryEnv,
      `${password}\n`,
    );
    expect(run).toEqual({ code: 0, stdout: "created binary@example.com (ops)\n", stderr: "" });
    const user = await findUserByEmail(db.db, "binary@example.com");
    const audit = (await listAudit(db.db, { limit: 10, entityType: "user" })).filter(
      (row) => row.entityId === user?.id,
    );
    expect(audit).toMatchObject([{ action: "user.create", actorType: "cli", actorId: userInfo().username }]);
  });

  it("exits 1 on a password given as an argument, without echoing it", async () => {
    const run = await runNexus(
      ["users", "create", "--email", "argv@example.com", "--role", "ops", "--password=hunter2-hunter2"],
      binaryEnv,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^nexus: a password is never taken on the command line/);
    expect(`${run.stdout}${run.stderr}`).not.toContain("hunter2");
  });
});
