#!/usr/bin/env bash
# `npm run test:container`: builds the app image and the nginx image from deploy/Dockerfile and
# runs them on this machine's Docker engine (deploy/container-image.test.ts): as its non-root user
# on the embedded database, HEALTHCHECK, graceful stop, data across a restart; then
# docker-compose.yml's PostgreSQL, Redis, two app containers and nginx, with the realtime cluster
# test through the nginx container; and `docker-compose config` on the compose file.
# Needs a running Docker engine, docker-compose, and (where no registry serves the base images)
# debootstrap: see deploy/README.md, "The container test". Figures go to stdout and to
# $CONTAINER_TEST_LOG (default /tmp/tableorder-container-test.log).
set -euo pipefail

cd "$(dirname "$0")/../.."
root="$(pwd)"
log_file="${CONTAINER_TEST_LOG:-/tmp/tableorder-container-test.log}"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/tableorder-container-test"
: >"$log_file"

say() { printf '==> %s\n' "$*" | tee -a "$log_file"; }
figure() { printf '%s: %s\n' "$1" "$2" | tee -a "$log_file"; }
seconds_since() { echo $((SECONDS - $1)); }

docker info >/dev/null 2>&1 || { echo "container-test: no Docker engine answers (start dockerd)" >&2; exit 1; }
command -v docker-compose >/dev/null 2>&1 || { echo "container-test: docker-compose is not installed" >&2; exit 1; }

overall=$SECONDS
say "base images"
t=$SECONDS
bash deploy/container-test/base-images.sh 2>&1 | tee -a "$log_file"
figure "base images ready" "$(seconds_since $t) s"

# The build context: the working tree as git sees it, plus an npm cache filled on the host (the
# build's containers cannot reach the registry here), kept per lockfile so the next run is quick.
say "build context and npm cache"
t=$SECONDS
npm_cache="$cache_dir/npm-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -d "$npm_cache/_cacache" ]; then
  tmp="$(mktemp -d)"
  cp package.json package-lock.json "$tmp/"
  (cd "$tmp" && npm ci --cache "$npm_cache" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  rm -rf "$tmp"
fi
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$context"
cp -al "$npm_cache" "$context/.npm-offline-cache" 2>/dev/null || cp -a "$npm_cache" "$context/.npm-offline-cache"
figure "context and npm cache" "$(seconds_since $t) s"

say "docker build (legacy builder: BuildKit would fetch its frontend image)"
t=$SECONDS
DOCKER_BUILDKIT=0 docker build -q -f deploy/Dockerfile -t tableorder:container-test "$context" >/dev/null
figure "build: app image (runtime target, all stages)" "$(seconds_since $t) s"
t=$SECONDS
DOCKER_BUILDKIT=0 docker build -q -f deploy/Dockerfile --target nginx -t tableorder-nginx:container-test "$context" >/dev/null
figure "build: nginx image (cached stages)" "$(seconds_since $t) s"
figure "image size: tableorder (app)" "$(docker image inspect -f '{{.Size}}' tableorder:container-test | awk '{ printf "%.0f MB", $1 / 1e6 }')"
figure "image size: tableorder-nginx" "$(docker image inspect -f '{{.Size}}' tableorder-nginx:container-test | awk '{ printf "%.0f MB", $1 / 1e6 }')"
figure "image size: node:24-slim (base)" "$(docker image inspect -f '{{.Size}}' node:24-slim | awk '{ printf "%.0f MB", $1 / 1e6 }')"

say "running the images"
t=$SECONDS
CONTAINER_TEST_IMAGE=tableorder:container-test CONTAINER_TEST_NGINX_IMAGE=tableorder-nginx:container-test \
  CONTAINER_TEST_FIGURES="$log_file" npx vitest run deploy/container-image.test.ts
figure "run tests" "$(seconds_since $t) s"

say "docker-compose config"
check="$(mktemp -d)"
mkdir -p "$check/deploy"
cp deploy/docker-compose.yml "$check/deploy/"
: >"$check/deploy/tableorder.env"
printf 'COMPOSE_PROJECT_NAME=tableorder\nPOSTGRES_PASSWORD=check\n' >"$check/deploy/.env"
(cd "$check" && docker-compose -f deploy/docker-compose.yml config -q)
rm -rf "$check"
figure "docker-compose config" "valid ($(docker-compose version --short))"

figure "total" "$(seconds_since $overall) s"
say "figures in $log_file"
cat "$log_file" | grep -v '^==>' >&2
cd "$root"
