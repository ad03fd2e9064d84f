#!/usr/bin/env bash
# A manual RDS snapshot before a deploy, so a release that damages data can be undone to the
# minute before it (point-in-time restore covers the rest). Waits until the snapshot is available,
# then deletes this script's older pre-deploy snapshots beyond the newest KEEP_SNAPSHOTS (10).
# Run from the operator's machine (the app server's role may not snapshot the database).
#   snapshot-database.sh <db-instance-identifier> [label]     e.g. tableorder-production-db <revision>
# Prints the snapshot identifier.
set -euo pipefail

db="${1:?usage: snapshot-database.sh <db-instance-identifier> [label]}"
label="$(printf '%s' "${2:-manual}" | tr -c 'a-zA-Z0-9-' '-' | cut -c1-40)"
keep="${KEEP_SNAPSHOTS:-10}"
prefix="$db-predeploy-"
snapshot="$prefix$(date -u +%Y%m%d-%H%M%S)-$label"
# Identifiers: letters, digits and hyphens, no double hyphen, at most 255 characters.
snapshot="$(printf '%s' "$snapshot" | tr -s '-' | sed 's/-$//')"

log() { printf 'snapshot-database: %s\n' "$*" >&2; }

log "creating $snapshot"
aws rds create-db-snapshot --db-instance-identifier "$db" --db-snapshot-identifier "$snapshot" \
  --tags Key=Purpose,Value=pre-deploy "Key=Label,Value=$label" >/dev/null
started=$SECONDS
aws rds wait db-snapshot-available --db-instance-identifier "$db" --db-snapshot-identifier "$snapshot"
log "$snapshot is available after $((SECONDS - started)) s"

# Oldest first; keep the newest $keep (this one included).
mapfile -t old < <(aws rds describe-db-snapshots --db-instance-identifier "$db" --snapshot-type manual \
  --query "sort_by(DBSnapshots[?starts_with(DBSnapshotIdentifier, '$prefix')], &SnapshotCreateTime)[].DBSnapshotIdentifier" \
  --output text | tr '\t' '\n' | sed '/^$/d' | sed '/^None$/d')
excess=$((${#old[@]} - keep))
for ((i = 0; i < excess; i++)); do
  log "deleting ${old[$i]} (keeping the newest $keep)"
  aws rds delete-db-snapshot --db-snapshot-identifier "${old[$i]}" >/dev/null
done
printf '%s\n' "$snapshot"
