# syntax=docker/dockerfile:1
# One image recipe for the monorepo, two targets:
#   docker build --target web    -t nexustrade/web .     Next.js (`next start`) on 3000
#   docker build --target worker -t nexustrade/worker .  ingest worker, health on 3001 (also runs the
#                                                        `nexus` CLI, e.g. `db:migrate`)
# The workspaces export raw TypeScript: Next compiles them for web, tsx runs them for the worker.

FROM node:20-bookworm-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
WORKDIR /app

# Dependencies first, from the manifests only, so source edits don't reinstall node_modules.
FROM base AS deps
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY apps/worker/package.json apps/worker/
COPY packages/api/package.json packages/api/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/platform/package.json packages/platform/
COPY packages/services/package.json packages/services/
COPY packages/sim/package.json packages/sim/
RUN npm ci

FROM deps AS source
COPY . .

FROM source AS web-build
ENV NODE_ENV=production
RUN npm run build -w @nexus/web

FROM web-build AS web
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0
# next start writes its runtime cache under .next.
RUN chown -R node:node apps/web/.next
USER node
WORKDIR /app/apps/web
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["/app/node_modules/.bin/next", "start", "--port", "3000"]

FROM source AS worker
ENV NODE_ENV=production WORKER_PORT=3001
USER node
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3001/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npx", "tsx", "apps/worker/src/main.ts"]
