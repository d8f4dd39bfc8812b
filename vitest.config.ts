import { defineConfig } from "vitest/config";

// Test tiers by file suffix (cal.com style), each its own vitest project:
//   *.test.ts              unit: no services, fast
//   *.integration.test.ts  integration: real Postgres, Redis, Kafka (each file its own schema and topics)
//   e2e/*.e2e.test.ts      e2e: the built web app driven by Playwright in Debian's Chromium
const ignored = ["**/node_modules/**", "**/.next/**", "**/.nexus/**"];

// The pure engines must be fully exercised by their tests (issues 3-5): every line and branch of these
// folders, enforced whenever vitest runs with --coverage (npm test does).
const fullyCovered = [
  "packages/core/src/surveillance",
  "packages/core/src/matching",
  "packages/core/src/routing",
  "packages/core/src/analytics",
  "packages/core/src/reports",
];
const full = { lines: 100, branches: 100, functions: 100, statements: 100 };
// The use cases, the API and the worker: at least 90 % of lines and 85 % of branches (the specification's
// acceptance criteria). The worker's and CLI's entry files only wire the process; they run as child
// processes in the integration tests, where v8 coverage does not reach.
const serviceLayers = ["packages/services/src", "packages/api/src", "apps/worker/src"];
const serviceLayerBar = { lines: 90, branches: 85 };
const processEntries = ["apps/worker/src/main.ts"];
const livingProduct = "e2e/living-product.e2e.test.ts";

export default defineConfig({
  test: {
    coverage: {
      provider: "v8",
      include: [...fullyCovered, ...serviceLayers].map((folder) => `${folder}/**/*.ts`),
      exclude: ["**/*.test.ts", ...processEntries],
      reporter: ["text-summary", "json-summary", "json"],
      reportsDirectory: ".nexus/coverage",
      thresholds: {
        ...Object.fromEntries(fullyCovered.map((folder) => [`${folder}/**/*.ts`, full])),
        ...Object.fromEntries(serviceLayers.map((folder) => [`${folder}/**/*.ts`, serviceLayerBar])),
      },
    },
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
          exclude: [...ignored, livingProduct],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          globalSetup: ["./e2e/global-setup.ts"],
        },
      },
      {
        // `npm start` timed from its command (issue 15: the product alive within 60 s): run once every
        // other test has finished, so the minute measures the product, not the rest of the suite sharing
        // the machine's cores. It starts its own product on the web app the suite built.
        test: {
          name: "living-product",
          include: [livingProduct],
          exclude: ignored,
          testTimeout: 180_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
