#!/usr/bin/env bash
# Builds a release tarball for the single-server layout: compiled server and web apps,
# migrations, production node_modules (bcrypt's prebuilt binaries cover linux x64/arm64) and the
# deploy/ folder (systemd unit, nginx config, scripts, runbook). Run from a clean checkout, in CI
# or on a workstation with Node.js of the same major version as the server.
#   deploy/scripts/build-release.sh [output-dir]   ->  <output-dir>/tableorder-<revision>.tar.gz
set -euo pipefail

cd "$(dirname "$0")/../.."
out_dir="$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)"
revision="$(git rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)"
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then
  revision="${revision}-dirty"
fi
name="tableorder-${revision}"

npm ci --no-audit --no-fund
npm run build

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
deploy/scripts/stage-release.sh "$stage/$name"
mkdir -p "$stage/$name/deploy"
cp -R deploy/README.md deploy/systemd deploy/nginx deploy/scripts "$stage/$name/deploy/"
printf '%s\n' "$revision" > "$stage/$name/REVISION"
(cd "$stage/$name" && npm ci --omit=dev --no-audit --no-fund)

tar -czf "$out_dir/$name.tar.gz" -C "$stage" "$name"
echo "$out_dir/$name.tar.gz"
