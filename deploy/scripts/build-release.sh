#!/usr/bin/env bash
# Builds a release tarball for the single-server layout from a committed revision (HEAD by
# default), in a scratch copy: the working tree and its node_modules are left alone.
# The tarball holds the compiled server and web apps, the migrations, production node_modules
# (bcrypt's prebuilt binaries cover Linux x64 and arm64) and deploy/ (systemd unit, nginx
# configuration, scripts, runbook). Build with Node.js of the server's major version.
#   deploy/scripts/build-release.sh [output-dir] [revision]  ->  <output-dir>/tableorder-<rev>.tar.gz
set -euo pipefail

cd "$(dirname "$0")/../.."
out_dir="$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)"
revision="$(git rev-parse --short=12 "${2:-HEAD}")"
name="tableorder-${revision}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
git archive --format=tar "$revision" | tar -xf - -C "$work/src"

(
  cd "$work/src"
  npm ci --no-audit --no-fund
  npm run build
  deploy/scripts/stage-release.sh "$work/$name"
  mkdir -p "$work/$name/deploy"
  cp -R deploy/README.md deploy/systemd deploy/nginx deploy/scripts "$work/$name/deploy/"
)
printf '%s\n' "$revision" >"$work/$name/REVISION"
(cd "$work/$name" && npm ci --omit=dev --no-audit --no-fund)

tar -czf "$out_dir/$name.tar.gz" -C "$work" "$name"
echo "$out_dir/$name.tar.gz"
