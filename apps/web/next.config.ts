import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Our workspaces export raw TypeScript (no build step of their own), so Next compiles them.
  transpilePackages: ["@nexus/api", "@nexus/core", "@nexus/db", "@nexus/platform"],
  // Native or wasm modules that must be loaded by Node at runtime, not bundled (ARCHITECTURE.md).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  typedRoutes: false,
  poweredByHeader: false,
  // Lint and typecheck run as their own turbo tasks (`next lint` is gone in Next 16).
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
