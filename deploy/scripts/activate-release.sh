#!/usr/bin/env bash
# Single-server layout: makes an unpacked release the running one, restarts the app and waits
# for /health; if the new release does not come up healthy, the previous one is put back.
#   activate-release.sh <release-name>   a folder under $APP_ROOT/releases (unpacked tarball)
#   activate-release.sh --previous       back to the release that was active before the last switch
# Run as root. Database migrations run when the app starts and are not undone by going back:
# releases must only add to the schema (see deploy/README.md, "Rollback").
set -euo pipefail

APP_ROOT="${APP_ROOT:-/opt/tableorder}"
SERVICE="${SERVICE:-tableorder}"
HEALTH_URL="${HEALTH_URL:-http://127.0.0.1:8000/health}"
HEALTH_TIMEOUT_SECONDS="${HEALTH_TIMEOUT_SECONDS:-60}"
KEEP_RELEASES="${KEEP_RELEASES:-5}"
SYSTEMD_DIR="${SYSTEMD_DIR:-/etc/systemd/system}"
LOGROTATE_DIR="${LOGROTATE_DIR:-/etc/logrotate.d}"
NGINX_DIR="${NGINX_DIR:-/etc/nginx}"
releases="$APP_ROOT/releases"

log() { printf 'activate-release: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

current=""
if [ -L "$APP_ROOT/current" ]; then current="$(readlink -f "$APP_ROOT/current")"; fi
case "${1:-}" in
  --previous)
    [ -s "$APP_ROOT/previous" ] || die "no previous release is recorded"
    target="$(cat "$APP_ROOT/previous")"
    ;;
  '' | -*) die "usage: activate-release.sh <release-name> | --previous" ;;
  *) target="$releases/$(basename "$1")" ;;
esac
[ -f "$target/dist/server/main.js" ] || die "$target is not an unpacked release"
target="$(readlink -f "$target")"
[ "$target" != "$current" ] || die "$target is already the active release"

# Code belongs to root: the service user can read it, not change it.
if [ "$(id -u)" -eq 0 ]; then chown -R root:root "$target"; fi

# Pages opened before the switch load their scripts by hashed name: keep the recent assets of
# the outgoing release available (older ones are not carried forward, so nothing piles up).
if [ -n "$current" ] && [ -d "$current/dist/web/assets" ] && [ -d "$target/dist/web/assets" ]; then
  find "$current/dist/web/assets" -maxdepth 1 -type f -mtime -14 -print0 |
    while IFS= read -r -d '' asset; do
      kept="$target/dist/web/assets/$(basename "$asset")"
      if [ ! -e "$kept" ]; then cp -p "$asset" "$kept"; fi
    done
fi

# The unit and the logrotate rule travel with the release.
unit="$target/deploy/systemd/$SERVICE.service"
if [ -f "$unit" ] && ! cmp -s "$unit" "$SYSTEMD_DIR/$SERVICE.service"; then
  install -m 0644 "$unit" "$SYSTEMD_DIR/$SERVICE.service"
  systemctl daemon-reload
  systemctl enable "$SERVICE"
  log "installed $SYSTEMD_DIR/$SERVICE.service"
fi
if [ -f "$target/deploy/systemd/$SERVICE.logrotate" ] && [ -d "$LOGROTATE_DIR" ]; then
  install -m 0644 "$target/deploy/systemd/$SERVICE.logrotate" "$LOGROTATE_DIR/$SERVICE"
fi
# The health reporter (CloudWatch), where first boot configured it (Terraform's user-data).
MONITORING_ENV="${MONITORING_ENV:-/etc/tableorder/monitoring.env}"
if [ -f "$MONITORING_ENV" ] && [ -f "$target/deploy/systemd/$SERVICE-health.timer" ]; then
  changed=""
  for unit_file in "$SERVICE-health.service" "$SERVICE-health.timer"; do
    if ! cmp -s "$target/deploy/systemd/$unit_file" "$SYSTEMD_DIR/$unit_file"; then
      install -m 0644 "$target/deploy/systemd/$unit_file" "$SYSTEMD_DIR/$unit_file"
      changed=1
    fi
  done
  if [ -n "$changed" ]; then
    systemctl daemon-reload
    systemctl enable --now "$SERVICE-health.timer"
    log "installed the health reporter ($SERVICE-health.timer)"
  fi
fi

# nginx's configuration travels with the release too (single-server upstream: 127.0.0.1:8000).
# It is installed and tested before anything else changes; a config nginx rejects stops here.
nginx_backup=""
restore_nginx() {
  if [ -n "$nginx_backup" ]; then
    find "$NGINX_DIR" -mindepth 1 -delete
    cp -a "$nginx_backup/." "$NGINX_DIR/"
  fi
}
nginx_src="$target/deploy/nginx"
if [ -f "$nginx_src/nginx.conf" ] && [ -d "$NGINX_DIR" ]; then
  nginx_backup="$(mktemp -d)"
  trap 'rm -rf "$nginx_backup"' EXIT
  cp -a "$NGINX_DIR/." "$nginx_backup/"
  install -m 0644 "$nginx_src/nginx.conf" "$NGINX_DIR/nginx.conf"
  install -d "$NGINX_DIR/conf.d" "$NGINX_DIR/snippets" "$NGINX_DIR/upstream.d"
  install -m 0644 "$nginx_src"/conf.d/*.conf "$NGINX_DIR/conf.d/"
  install -m 0644 "$nginx_src"/snippets/*.conf "$NGINX_DIR/snippets/"
  install -m 0644 "$nginx_src/upstream.single-server.conf" "$NGINX_DIR/upstream.d/tableorder.conf"
  if ! nginx -t -q; then
    restore_nginx
    die "nginx rejects the configuration of $target; nothing was changed"
  fi
fi

point_current_at() {
  ln -sfn "$1" "$APP_ROOT/current.next"
  mv -Tf "$APP_ROOT/current.next" "$APP_ROOT/current"
}

healthy() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -fsS --max-time 3 "$HEALTH_URL" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  return 1
}

log "switching to $target"
point_current_at "$target"
systemctl restart "$SERVICE"
if ! healthy; then
  if [ -z "$current" ]; then
    restore_nginx
    die "$target did not become healthy within ${HEALTH_TIMEOUT_SECONDS}s (journalctl -u $SERVICE)"
  fi
  log "$target did not become healthy within ${HEALTH_TIMEOUT_SECONDS}s; going back to $current"
  point_current_at "$current"
  restore_nginx
  systemctl restart "$SERVICE"
  healthy || log "the previous release is not healthy either (journalctl -u $SERVICE)"
  die "activation of $target failed"
fi
if [ -n "$nginx_backup" ]; then systemctl reload nginx; fi
if [ -n "$current" ]; then printf '%s\n' "$current" >"$APP_ROOT/previous"; fi
log "$target is live"

# Keep the newest releases (and always the live and the previous one).
find "$releases" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' | sort -rn | tail -n +"$((KEEP_RELEASES + 1))" |
  while read -r _ dir; do
    if [ "$dir" != "$target" ] && [ "$dir" != "$current" ]; then rm -rf "$dir"; fi
  done
