import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Our workspaces export raw TypeScript (no build step of their own), so Next compiles them.
  transpilePackages: ["@nexus/api", "@nexus/core", "@nexus/db", "@nexus/platform", "@nexus/services"],
  // Native or wasm modules that must be loaded by Node at runtime, not bundled (docs/architecture.md).
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  typedRoutes: false,
  poweredByHeader: false,
  // Lint and typecheck run as their own turbo tasks (`next lint` is gone in Next 16).
  typescript: { ignoreBuildErrors: false },
  // The security headers that never vary, on every response including static files (which the proxy
  // skips); the CSP and HSTS depend on the request and are set by the proxy (server/security-headers.ts).
  // nosniff: a response is only ever run or rendered as its declared type. The referrer policy
  // keeps paths and queries (alert ids, search terms) out of what other sites see.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
