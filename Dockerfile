# Treue as a container: built once, run as many times as needed behind a proxy (compose.yaml).
# Stage deps installs the packages, build makes Next's self-contained server, and run is that
# server with its static files and the migrations, run as an unprivileged user. CI builds deps and
# then run from its own host build in place of the build stage (docs/deploy.md).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# npm's registry and CA file, when the build is given them (a mirror, a proxy that inspects TLS).
ARG NPM_CONFIG_REGISTRY
ARG NPM_CONFIG_CAFILE
# The lock is npm 11's: the npm 10 that comes with Node 20 refuses it ("Missing: … from lock file").
RUN npm install --global --no-audit --no-fund npm@11
COPY package.json package-lock.json ./
# npm ci runs the postinstall that corrects Next's runtime (scripts/patch-next-flight-context.mjs).
COPY scripts/patch-next-flight-context.mjs ./scripts/
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 BUILD_STANDALONE=1
RUN node node_modules/next/dist/bin/next build --webpack

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 TREUE_DATA_DIR=/data
RUN groupadd --system treue && useradd --system --gid treue --home /app treue && mkdir /data && chown treue:treue /data
COPY --from=build --chown=treue:treue /app/.next/standalone ./
COPY --from=build --chown=treue:treue /app/.next/static ./.next/static
COPY --from=build --chown=treue:treue /app/public ./public
COPY --from=build --chown=treue:treue /app/lib/db/migrations ./lib/db/migrations
COPY --from=build --chown=treue:treue /app/lib/db/pglite-worker.mjs ./lib/db/pglite-worker.mjs
USER treue
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
