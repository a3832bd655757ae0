# syntax=docker/dockerfile:1
# The reference server as a container image; docs/self-hosting.md#containers walks through it.
#   docker build -t interview-kit-server .
# Both stages use the same Node release: better-sqlite3 is compiled in the first for that Node's ABI.
ARG NODE_VERSION=22.23.3

# ── build: every dependency, the packages' builds, then only what the server needs ──────────────
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
# The manifests first, so that the install is cached until a dependency changes. One line per
# workspace of package.json (npm ci needs each of them).
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/editor/package.json packages/editor/
COPY packages/run-panel/package.json packages/run-panel/
COPY packages/video/package.json packages/video/
COPY packages/feedback/package.json packages/feedback/
COPY packages/whiteboard/package.json packages/whiteboard/
COPY packages/room/package.json packages/room/
COPY server/package.json server/
COPY examples/host-portal/package.json examples/host-portal/
COPY examples/bot/package.json examples/bot/
COPY examples/react/package.json examples/react/
COPY examples/vue/package.json examples/vue/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# The server imports @interview-kit/core's built modules (packages/core/dist).
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ── runtime: Debian 12 with the sandbox, the toolchains, Chromium and tini ──────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
COPY deploy/install-system-packages.sh /usr/local/sbin/install-system-packages
RUN install-system-packages --runtime && rm -rf /var/lib/apt/lists/*

# `interview` owns nothing but may use DATA_DIR: the server runs as root by default because the
# sandbox needs it (a uid of its own per run from 60001–61000, capped tmpfs mounts; see
# docs/self-hosting.md#containers). Run as `--user interview` only with EXECUTOR=judge0.
RUN groupadd --system --gid 10001 interview \
 && useradd --system --uid 10001 --gid interview --home-dir /nonexistent --shell /usr/sbin/nologin interview \
 && install -d -o root -g interview -m 0770 /var/lib/interview-kit

WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/server ./server
COPY --from=build /app/deploy/healthcheck.mjs ./deploy/healthcheck.mjs

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/var/lib/interview-kit
VOLUME ["/var/lib/interview-kit"]
EXPOSE 8080

# tini reaps what bubblewrap leaves behind (each sandbox's init ends as a zombie of PID 1).
ENTRYPOINT ["tini", "--"]
CMD ["node", "--import", "tsx", "server/src/index.ts"]
# The server drains on SIGTERM (readiness first, then runs and sockets); give it time to.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
