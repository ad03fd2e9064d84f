#!/usr/bin/env bash
# Copies what a production server runs from a built checkout into <output-dir>: the compiled
# server and web apps, the package manifests (for `npm ci --omit=dev`) and every non-TypeScript
# file under server/ (migrations are read at start-up; seed pictures are read in development).
# Shared by the Dockerfile and build-release.sh so the image and the tarball hold the same files.
set -euo pipefail

out="${1:?usage: stage-release.sh <output-dir>}"
cd "$(dirname "$0")/../.."

for built in dist/server/main.js dist/web/index.html dist/web/admin/index.html dist/web/superadmin/index.html; do
  if [ ! -f "$built" ]; then
    echo "stage-release: $built is missing; run \`npm run build\` first" >&2
    exit 1
  fi
done
if [ ! -f server/db/migrations/meta/_journal.json ]; then
  echo "stage-release: server/db/migrations is missing" >&2
  exit 1
fi

mkdir -p "$out"
cp -R dist package.json package-lock.json "$out/"
find server -type f ! -name '*.ts' -print0 | tar --null -T - -cf - | tar -xf - -C "$out"
