import { defineConfig } from "vitest/config";

// Test tiers by file suffix (cal.com style), each its own vitest project:
//   *.test.ts              unit: no services, fast
//   *.integration.test.ts  integration: real Postgres, Redis, Kafka (each file its own schema and topics)
//   e2e/*.e2e.test.ts      e2e: the built web app driven by Playwright in Debian's Chromium
const ignored = ["**/node_modules/**", "**/.next/**", "**/.nexus/**"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/**/*.test.ts", "apps/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: [...ignored, "**/*.integration.test.ts", "**/*.e2e.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/**/*.integration.test.ts", "apps/**/*.integration.test.ts"],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          globalSetup: ["./e2e/global-setup.ts"],
        },
      },
    ],
  },
});
