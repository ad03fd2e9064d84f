#!/usr/bin/env bash
# Rehearses "the instance is gone" (deploy/README.md) on any machine with PostgreSQL tools and
# Node.js: the database copied into a fresh database (as a restore from RDS would give), a release
# unpacked into a fresh directory, the env file rebuilt from the settings and the secrets in
# Parameter Store by write-env-file.sh, the app started the way the systemd unit starts it, then
# checked: healthy, same data as the source, the super-admin signs in with the stored password.
# Prints how long each step took.
#   rehearse-rebuild.sh --source-db URL --target-server URL --release TARBALL|DIR --settings FILE \
#                       --work-dir DIR [--port N] [--keep-running]
#     --source-db      the database of the server that is gone (postgres://…)
#     --target-server  a PostgreSQL server to restore into; a new database is created there
#     --release        a tarball from build-release.sh, or an unpacked release folder
#     --settings       settings.env as first boot writes it; DB_* are replaced by the restored copy
#     --work-dir       an empty folder standing for the new server's disk
#     --keep-running   leave the app running (its pid in WORK_DIR/app.pid) for more checks
# The AWS CLI must reach the Parameter Store named in the settings (real, or a stand-in in tests).
set -euo pipefail

scripts="$(cd "$(dirname "$0")" && pwd)"
port=18000
keep_running=""
while [ $# -gt 0 ]; do
  case "$1" in
    --source-db) source_db="$2"; shift 2 ;;
    --target-server) target_server="$2"; shift 2 ;;
    --release) release="$2"; shift 2 ;;
    --settings) settings="$2"; shift 2 ;;
    --work-dir) work_dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --keep-running) keep_running=1; shift ;;
    *) echo "rehearse-rebuild: unknown argument $1" >&2; exit 2 ;;
  esac
done
for required in source_db target_server release settings work_dir; do
  [ -n "${!required:-}" ] || { echo "rehearse-rebuild: --${required//_/-} is required" >&2; exit 2; }
done

log() { printf 'rehearse-rebuild: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}
timings=()
# Seconds since $1 (an $EPOCHREALTIME), to a tenth.
since() { awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.1f", now - start }'; }
timed() {
  local label="$1" started=$EPOCHREALTIME
  shift
  "$@"
  timings+=("$label $(since "$started") s")
  log "$label: $(since "$started") s"
}

mkdir -p "$work_dir"
work_dir="$(cd "$work_dir" && pwd)"
[ -z "$(ls -A "$work_dir")" ] || die "$work_dir is not empty: the new server starts from nothing"
overall=$EPOCHREALTIME

# 1. The database: a copy restored into a database of its own.
target_db="tableorder_rebuild_$(date -u +%Y%m%d%H%M%S)"
restore_database() {
  psql "$target_server" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$target_db\"" >/dev/null
  pg_dump --format=custom --no-owner "$source_db" >"$work_dir/database.dump"
  pg_restore --no-owner --exit-on-error -d "$(database_url "$target_server" "$target_db")" "$work_dir/database.dump"
  log "restored $(du -h "$work_dir/database.dump" | cut -f1) into $target_db"
}
# The same server URL with another database name (keeps user, host, port and query).
database_url() {
  node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$1" "$2"
}
timed "database restored" restore_database
restored_url="$(database_url "$target_server" "$target_db")"

# 2. The release, unpacked where the new server keeps releases.
release_dir="$work_dir/opt/tableorder/releases/rebuilt"
unpack_release() {
  mkdir -p "$release_dir"
  if [ -d "$release" ]; then
    cp -a "$release/." "$release_dir/"
  else
    tar -xzf "$release" -C "$release_dir" --strip-components=1
  fi
  [ -f "$release_dir/dist/server/main.js" ] || die "$release is not a release"
  ln -sfn "$release_dir" "$work_dir/opt/tableorder/current"
}
timed "release unpacked" unpack_release

# 3. The env file, from the settings and Parameter Store, pointed at the restored database.
write_env() {
  node -e '
    const u = new URL(process.argv[1]);
    console.log(`DB_HOST=${u.hostname}\nDB_PORT=${u.port || 5432}\nDB_NAME=${u.pathname.slice(1)}\nDB_USER=${decodeURIComponent(u.username)}\nDB_OPTIONS=${u.search.slice(1)}`);
  ' "$restored_url" >"$work_dir/db.settings"
  grep -v -E '^(DB_HOST|DB_PORT|DB_NAME|DB_USER|DB_OPTIONS)=' "$settings" >"$work_dir/settings.env"
  cat "$work_dir/db.settings" >>"$work_dir/settings.env"
  LOCAL_ENV_FILE="$work_dir/etc/local.env" "$scripts/write-env-file.sh" --settings "$work_dir/settings.env" \
    "$work_dir/etc/tableorder.env"
}
timed "env file rebuilt from Parameter Store" write_env

# 4. The app, started as the systemd unit starts it (its Environment= defaults, then the env file).
start_app() {
  mkdir -p "$work_dir/var/lib/tableorder" "$work_dir/var/log/tableorder"
  (
    cd "$work_dir/opt/tableorder/current"
    set -a
    ENVIRONMENT=production HOST=127.0.0.1 PORT="$port" TRUSTED_PROXIES=127.0.0.1
    DATA_DIR="$work_dir/var/lib/tableorder" LOG_FILE="$work_dir/var/log/tableorder/app.log"
    while IFS= read -r line; do
      case "$line" in '' | '#'*) continue ;; esac
      export "${line%%=*}=${line#*=}"
    done <"$work_dir/etc/tableorder.env"
    PORT="$port" HOST=127.0.0.1
    set +a
    exec node --enable-source-maps dist/server/main.js >"$work_dir/app.out" 2>&1
  ) &
  echo $! >"$work_dir/app.pid"
  local deadline=$((SECONDS + 90))
  until curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 "$(cat "$work_dir/app.pid")" 2>/dev/null || die "the app exited: $(tail -n 20 "$work_dir/app.out")"
    [ "$SECONDS" -lt "$deadline" ] || die "the app did not become healthy within 90 s"
    sleep 0.5
  done
}
stop_app() {
  if [ -s "$work_dir/app.pid" ] && [ -z "$keep_running" ]; then kill "$(cat "$work_dir/app.pid")" 2>/dev/null || true; fi
}
trap stop_app EXIT
timed "app healthy" start_app

# 5. Checks: the same data as the source, and the stored super-admin password signs in.
counts() {
  psql "$1" -At -v ON_ERROR_STOP=1 -c "SELECT (SELECT count(*) FROM stores) || ' stores, ' ||
    (SELECT count(*) FROM orders) || ' orders, last event ' ||
    coalesce((SELECT max(seq)::text FROM events), 'none')"
}
source_counts="$(counts "$source_db")"
restored_counts="$(counts "$restored_url")"
[ "$source_counts" = "$restored_counts" ] || die "restored data differs: source $source_counts, restored $restored_counts"
log "data: $restored_counts (same as the source)"
sign_in() {
  local username password
  username="$(grep '^SUPERADMIN_USERNAME=' "$work_dir/etc/tableorder.env" | cut -d= -f2-)"
  password="$(grep '^SUPERADMIN_PASSWORD=' "$work_dir/etc/tableorder.env" | cut -d= -f2-)"
  node -e '
    const [url, username, password] = process.argv.slice(1);
    fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) })
      .then((r) => { if (r.status !== 200) { console.error(`super-admin sign-in answered ${r.status}`); process.exit(1); } });
  ' "http://127.0.0.1:$port/api/v1/auth/superadmin/login" "$username" "$password"
}
sign_in || die "the super-admin cannot sign in with the password in Parameter Store"
log "the super-admin signs in with the password in Parameter Store"

printf 'REBUILT database=%s url=http://127.0.0.1:%s\n' "$target_db" "$port"
for timing in "${timings[@]}"; do printf 'TIMING %s\n' "$timing"; done
printf 'TIMING total %s s\n' "$(since "$overall")"
