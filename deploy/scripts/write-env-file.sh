#!/usr/bin/env bash
# Writes the app's env file (single-server layout) from the installation's settings and the secrets
# in Parameter Store. The first time, it also generates the JWT secret and the first super-admin's
# password and stores them; when they exist (a rebuilt server, a rewrite after a rotation) it reads
# them back, so tablets stay signed in and the super-admin keeps the same password. It never
# replaces a stored secret. User-data runs it on first boot; the runbook after a rebuild or a
# database password rotation.
#   write-env-file.sh [--settings FILE] [OUTPUT]
#     FILE    the settings below as NAME=value lines (default /etc/tableorder/settings.env, written
#             on first boot from what Terraform knows; nothing secret in it)
#     OUTPUT  default /etc/tableorder/tableorder.env (0640 root:tableorder)
# Settings: ENVIRONMENT, AWS_REGION, PARAMETER_PATH (/<project>/<environment>), KMS_KEY_ID,
#   DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_OPTIONS (query string of DATABASE_URL), REDIS_URL,
#   S3_BUCKET_NAME, PUBLIC_BASE_URL, SUPERADMIN_USERNAME. /etc/tableorder/local.env (optional,
#   LOCAL_ENV_FILE) is appended as it is: the operator's own additions survive a rewrite.
# Needs the AWS CLI with the instance role (ssm:GetParameter, ssm:PutParameter on the two
# generated names, kms through Parameter Store) and openssl.
set -euo pipefail

settings_file=/etc/tableorder/settings.env
if [ "${1:-}" = "--settings" ]; then
  settings_file="${2:?--settings needs a file}"
  shift 2
fi
output="${1:-/etc/tableorder/tableorder.env}"
local_env="${LOCAL_ENV_FILE:-/etc/tableorder/local.env}"

log() { printf 'write-env-file: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

[ -r "$settings_file" ] || die "cannot read the settings file $settings_file"
# NAME=value lines, read as they are (never run as shell: a URL's `&` stays a character).
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  name="${line%%=*}"
  [[ "$name" =~ ^[A-Z][A-Z0-9_]*$ && "$line" == *=* ]] || die "not a NAME=value line in $settings_file: $name"
  export "$name=${line#*=}"
done <"$settings_file"
for required in ENVIRONMENT AWS_REGION PARAMETER_PATH KMS_KEY_ID DB_HOST DB_PORT DB_NAME DB_USER; do
  [ -n "${!required:-}" ] || die "$required is not set in $settings_file"
done
DB_OPTIONS="${DB_OPTIONS-sslmode=verify-full&sslrootcert=/etc/tableorder/rds-ca.pem}"
SUPERADMIN_USERNAME="${SUPERADMIN_USERNAME:-superadmin}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 0700 "$work"
errors="$work/aws-errors"

# The value of a parameter on stdout; fails (ParameterNotFound in $errors) when there is none.
get_parameter() {
  aws ssm get-parameter --region "$AWS_REGION" --name "$PARAMETER_PATH/$1" --with-decryption \
    --query Parameter.Value --output text 2>"$errors"
}

# Reads a secret, or generates and stores it when it does not exist yet. The value reaches the
# CLI through a file: a command line is visible to every process on the host.
ensure_secret() {
  local name="$1" generate="$2" value
  if value="$(get_parameter "$name")"; then
    printf '%s' "$value"
    return
  fi
  grep -q ParameterNotFound "$errors" || die "cannot read $PARAMETER_PATH/$name: $(cat "$errors")"
  value="$($generate)"
  printf '%s' "$value" >"$work/value"
  if aws ssm put-parameter --region "$AWS_REGION" --name "$PARAMETER_PATH/$name" --type SecureString \
    --key-id "$KMS_KEY_ID" --value "file://$work/value" >/dev/null 2>"$errors"; then
    log "generated $PARAMETER_PATH/$name and stored it in Parameter Store"
  else
    # Another boot stored one first: that one wins, so every reader sees the same secret.
    grep -q ParameterAlreadyExists "$errors" || die "cannot store $PARAMETER_PATH/$name: $(cat "$errors")"
    value="$(get_parameter "$name")" || die "cannot read $PARAMETER_PATH/$name: $(cat "$errors")"
  fi
  rm -f "$work/value"
  printf '%s' "$value"
}

new_jwt_secret() { openssl rand -hex 32; }
new_password() { openssl rand -base64 32 | tr -d '/+=\n' | cut -c1-24; }

jwt_secret="$(ensure_secret jwt-secret-key new_jwt_secret)"
superadmin_password="$(ensure_secret superadmin-password new_password)"
db_password="$(get_parameter database-password)" ||
  die "cannot read $PARAMETER_PATH/database-password (Terraform writes it): $(cat "$errors")"
# Terraform generates it from letters and digits, so it needs no escaping in the URL.
[[ "$db_password" =~ ^[A-Za-z0-9]+$ ]] || die "$PARAMETER_PATH/database-password must be letters and digits only"

database_url="postgres://$DB_USER:$db_password@$DB_HOST:$DB_PORT/$DB_NAME${DB_OPTIONS:+?$DB_OPTIONS}"
{
  printf '# Written by write-env-file.sh from %s and Parameter Store (%s).\n' "$settings_file" "$PARAMETER_PATH"
  printf '# Do not edit: add your own settings to %s and run the script again.\n' "$local_env"
  printf 'ENVIRONMENT=%s\n' "$ENVIRONMENT"
  printf 'AWS_REGION=%s\n' "$AWS_REGION"
  printf 'DATABASE_URL=%s\n' "$database_url"
  if [ -n "${REDIS_URL:-}" ]; then printf 'REDIS_URL=%s\n' "$REDIS_URL"; fi
  if [ -n "${S3_BUCKET_NAME:-}" ]; then printf 'S3_BUCKET_NAME=%s\n' "$S3_BUCKET_NAME"; fi
  if [ -n "${PUBLIC_BASE_URL:-}" ]; then printf 'PUBLIC_BASE_URL=%s\n' "$PUBLIC_BASE_URL"; fi
  printf 'JWT_SECRET_KEY=%s\n' "$jwt_secret"
  printf 'SUPERADMIN_USERNAME=%s\n' "$SUPERADMIN_USERNAME"
  printf 'SUPERADMIN_PASSWORD=%s\n' "$superadmin_password"
  printf 'LOG_LEVEL=info\n'
  if [ -f "$local_env" ]; then
    printf '# --- %s ---\n' "$local_env"
    cat "$local_env"
  fi
} >"$work/env"

# Replaced in one step, readable by root and the service's group only.
mkdir -p "$(dirname "$output")"
staged="$(mktemp "$(dirname "$output")/.tableorder.env.XXXXXX")"
cat "$work/env" >"$staged"
chmod 0640 "$staged"
if [ "$(id -u)" -eq 0 ] && getent group tableorder >/dev/null; then chown root:tableorder "$staged"; fi
mv -f "$staged" "$output"
log "wrote $output"
