# One image recipe for every service and simulator of the platform.
#
#   docker build --build-arg SERVICE=intake -t motcua/intake .
#   docker build --build-arg SERVICE=vnpost --build-arg SERVICE_PATH=simulators/vnpost -t motcua/vnpost-sim .
#
# The process started is `node $SERVICE_PATH/dist/main.js` (SERVICE_PATH defaults to services/$SERVICE).

# ---- manifests: only the package.json files and the lock, so `npm ci` stays cached while sources change
FROM node:20-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -path ./node_modules -prune -o -name package.json -not -path '*/node_modules/*' -print \
      | xargs -I{} cp --parents {} /manifests/ \
 && cp package-lock.json /manifests/

# ---- build: install everything, compile all project references, then drop dev dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV CI=true
COPY --from=manifests /manifests/ ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -b tsconfig.build.json \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled output + production node_modules, unprivileged
FROM node:20-bookworm-slim AS runtime
ARG SERVICE=intake
ARG SERVICE_PATH=services/${SERVICE}
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    SERVICE_PATH=${SERVICE_PATH} \
    HEALTH_PATH=/health
WORKDIR /app
# Workspace packages are symlinked from node_modules to libs/, services/, apps/, simulators/: keep that layout.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/libs ./libs
COPY --from=build /app/services ./services
COPY --from=build /app/simulators ./simulators
COPY --from=build /app/apps ./apps
RUN test -f "$SERVICE_PATH/dist/main.js" \
 || { echo "no $SERVICE_PATH/dist/main.js: check the SERVICE / SERVICE_PATH build args" >&2; exit 1; }
USER node
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + (process.env.HEALTH_PATH || '/health'), { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node is PID 1's direct replacement and receives SIGTERM for a graceful shutdown.
CMD ["sh", "-c", "exec node \"$SERVICE_PATH/dist/main.js\""]
