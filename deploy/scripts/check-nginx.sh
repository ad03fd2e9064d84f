#!/usr/bin/env bash
# `nginx -t` on deploy/nginx as the single server installs it (upstream on 127.0.0.1:8000), in a
# temporary prefix: the absolute paths of the server (certificates, logs) point into it and a
# throwaway self-signed certificate stands in for the real one. Used by CI.
#   deploy/scripts/check-nginx.sh [nginx-binary]
set -euo pipefail

nginx_bin="${1:-$(command -v nginx || echo /usr/sbin/nginx)}"
src="$(cd "$(dirname "$0")/../nginx" && pwd)"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT

cp -R "$src/." "$prefix/"
rm -f "$prefix"/upstream.d/*.conf
cp "$src/upstream.single-server.conf" "$prefix/upstream.d/tableorder.conf"
if grep -q 'mime.types' "$prefix/nginx.conf" && [ ! -f "$prefix/mime.types" ]; then
  cp /etc/nginx/mime.types "$prefix/mime.types"
fi
mkdir -p "$prefix/certs" "$prefix/logs"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$prefix/certs/privkey.pem" -out "$prefix/certs/fullchain.pem" 2>/dev/null
find "$prefix" -name '*.conf' -exec sed -i \
  -e "s#/etc/nginx/certs/#$prefix/certs/#g" \
  -e "s#/var/log/nginx/#$prefix/logs/#g" {} +

"$nginx_bin" -t -q -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" -g "pid $prefix/nginx.pid;"
echo "nginx -t: deploy/nginx is valid"
