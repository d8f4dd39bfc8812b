// One lint setup for every workspace. Besides style, it enforces the dependency rule of
// docs/architecture.md: core is pure (no I/O, nothing of ours), db/platform/sim sit on core only,
// services on core/db/platform, api on core/db/platform/services, and nothing imports an app.
import tseslint from "typescript-eslint";

// Core is pure (docs/architecture.md). An allow-list, not a list of known I/O modules, so a module nobody
// thought of (node:os, node:worker_threads, a new client library) is refused too: core imports its own
// relative modules and zod, and money.ts alone imports decimal.js. Clocks, randomness, timers and
// the network are handed to core as arguments, so it may not reach for the ambient ones either.
// Tests and test helpers (`*.test.ts`, `test-*.ts`, `*.testing.ts`) also use vitest, fast-check, timers.
const coreFiles = ["packages/core/**/*.ts"];
const coreTestFiles = ["**/*.test.ts", "**/test-*.ts", "**/*.testing.ts"];
const coreMoney = "packages/core/src/money.ts";
const corePurity =
  "Core is pure (docs/architecture.md): it imports relative modules and zod only (decimal.js through money.ts), and is handed clocks, randomness and I/O.";
// Turbopack (next build) does not map a relative `./x.js` to `./x.ts`; the packages the web app compiles
// import relative modules without an extension (docs/conventions.md, Traps).
const relativeWithJs = {
  regex: "^\\.{1,2}/.*\\.js$",
  message:
    "Import relative modules without an extension: next build (Turbopack) cannot resolve ./x.js to x.ts.",
};
const coreImports = (allowed) => [
  "error",
  {
    patterns: [{ regex: `^(?!(\\.{1,2}/|${allowed.join("|")})).*`, message: corePurity }, relativeWithJs],
  },
];
const coreGlobals = [
  "fetch",
  "process",
  "require",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
  "queueMicrotask",
  "performance",
  "crypto",
  "XMLHttpRequest",
  "WebSocket",
].map((name) => ({ name, message: corePurity }));
const coreProperties = [
  ["Date", "now"],
  ["Math", "random"],
  ["globalThis", "fetch"],
  ["globalThis", "process"],
  ["globalThis", "setTimeout"],
  ["globalThis", "setInterval"],
  ["globalThis", "performance"],
  ["globalThis", "crypto"],
].map(([object, property]) => ({ object, property, message: corePurity }));
const coreSyntax = [
  { selector: "ImportExpression", message: `${corePurity} Dynamic import() is I/O.` },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: `${corePurity} new Date() reads the clock.`,
  },
];

// One Decimal for the whole product: money.ts configures it (precision 34, half-even); everything else
// imports @nexus/core/money, never decimal.js with the library's defaults (precision 20, half-up).
const decimalJs = {
  name: "decimal.js",
  message: "Import Decimal from @nexus/core/money (one precision and rounding for the whole product).",
};
const apps = ["@nexus/web", "@nexus/web/*", "@nexus/worker", "@nexus/worker/*"];
const services = ["@nexus/services", "@nexus/services/*"];
const crossPackageRelative = ["../../*/src/*", "../../../packages/*", "../../../apps/*"];

/** Forbid workspace packages (and relative paths into them) that a layer must not see, and decimal.js. */
const layer = (files, forbiddenPackages) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        paths: [decimalJs],
        patterns: [
          {
            group: [...forbiddenPackages, ...apps, ...crossPackageRelative],
            message: "Dependency rule (docs/architecture.md): this layer must not import that.",
          },
          ...(files.some((glob) => glob.startsWith("packages/")) ? [relativeWithJs] : []),
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
  layer(
    ["packages/db/**/*.ts"],
    [
      "@nexus/platform",
      "@nexus/platform/*",
      "@nexus/api",
      "@nexus/api/*",
      "@nexus/sim",
      "@nexus/sim/*",
      ...services,
    ],
  ),
  layer(
    ["packages/platform/**/*.ts"],
    ["@nexus/db", "@nexus/db/*", "@nexus/api", "@nexus/api/*", "@nexus/sim", "@nexus/sim/*", ...services],
  ),
  layer(
    ["packages/sim/**/*.ts"],
    [
      "@nexus/db",
      "@nexus/db/*",
      "@nexus/platform",
      "@nexus/platform/*",
      "@nexus/api",
      "@nexus/api/*",
      ...services,
    ],
  ),
  // The use cases sit below the routers and the apps that call them.
  layer(["packages/services/**/*.ts"], ["@nexus/api", "@nexus/api/*", "@nexus/sim", "@nexus/sim/*"]),
  layer(["packages/api/**/*.ts"], ["@nexus/sim", "@nexus/sim/*"]),
  layer(["apps/**/*.ts", "apps/**/*.tsx", "scripts/**/*.ts", "bench/**/*.ts", "e2e/**/*.ts"], []),
  {
    // Env goes through one validated module (docs/conventions.md, Environment).
    files: ["packages/**/*.ts", "apps/**/*.ts", "apps/**/*.tsx"],
    ignores: ["**/env.ts", "**/*.test.ts", "**/test/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through @nexus/platform/env." },
      ],
    },
  },
  {
    files: coreFiles,
    ignores: coreTestFiles,
    rules: {
      "no-restricted-imports": coreImports(["zod$", "zod/"]),
      "no-restricted-globals": ["error", ...coreGlobals],
      "no-restricted-properties": ["error", ...coreProperties],
      "no-restricted-syntax": ["error", ...coreSyntax],
    },
  },
  { files: [coreMoney], rules: { "no-restricted-imports": coreImports(["zod$", "zod/", "decimal\\.js$"]) } },
  {
    // Core's tests may add vitest and fast-check, still nothing of ours and no I/O module.
    files: coreTestFiles.map((pattern) => `packages/core/${pattern}`),
    rules: {
      "no-restricted-imports": coreImports(["zod$", "zod/", "vitest$", "fast-check$"]),
    },
  },
);
