// One lint setup for every workspace. Besides style, it enforces the dependency rule of
// ARCHITECTURE.md: core is pure (no I/O, nothing of ours), db/platform/sim sit on core only,
// api sits on core/db/platform, and nothing imports an app.
import tseslint from "typescript-eslint";

const ioModules = [
  "kafkajs",
  "ioredis",
  "postgres",
  "pg",
  "drizzle-orm",
  "drizzle-kit",
  "fs",
  "net",
  "http",
  "https",
  "child_process",
  "node:fs",
  "node:fs/promises",
  "node:net",
  "node:http",
  "node:https",
  "node:child_process",
];
const ioPatterns = ["drizzle-orm/*", "@electric-sql/*", "fs/*"];
const apps = ["@nexus/web", "@nexus/web/*", "@nexus/worker", "@nexus/worker/*"];
const crossPackageRelative = ["../../*/src/*", "../../../packages/*", "../../../apps/*"];

/** Forbid workspace packages (and relative paths into them) that a layer must not see. */
const layer = (files, forbiddenPackages, extra = {}) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        paths: [...(extra.paths ?? [])].map((name) => ({
          name,
          message: "Dependency rule (ARCHITECTURE.md): this layer must not do I/O through this module.",
        })),
        patterns: [
          {
            group: [...forbiddenPackages, ...apps, ...crossPackageRelative, ...(extra.patterns ?? [])],
            message: "Dependency rule (ARCHITECTURE.md): this layer must not import that.",
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/.nexus/**",
      "**/coverage/**",
      "**/drizzle/**",
      "**/next-env.d.ts",
      "**/*.config.mjs",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  layer(["packages/core/**/*.ts"], ["@nexus/*"], { paths: ioModules, patterns: ioPatterns }),
  layer(
    ["packages/db/**/*.ts"],
    ["@nexus/platform", "@nexus/platform/*", "@nexus/api", "@nexus/api/*", "@nexus/sim", "@nexus/sim/*"],
  ),
  layer(
    ["packages/platform/**/*.ts"],
    ["@nexus/db", "@nexus/db/*", "@nexus/api", "@nexus/api/*", "@nexus/sim", "@nexus/sim/*"],
  ),
  layer(
    ["packages/sim/**/*.ts"],
    ["@nexus/db", "@nexus/db/*", "@nexus/platform", "@nexus/platform/*", "@nexus/api", "@nexus/api/*"],
  ),
  layer(["packages/api/**/*.ts"], ["@nexus/sim", "@nexus/sim/*"]),
  layer(["apps/**/*.ts", "apps/**/*.tsx", "scripts/**/*.ts", "bench/**/*.ts", "e2e/**/*.ts"], []),
  {
    // Env goes through one validated module (STACK-NOTES rule 1).
    files: ["packages/**/*.ts", "apps/**/*.ts", "apps/**/*.tsx"],
    ignores: ["**/env.ts", "**/*.test.ts", "**/test/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through @nexus/platform/env." },
      ],
    },
  },
);
