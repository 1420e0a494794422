#!/bin/sh
# Entrypoint of the Autoalex image (docs/adr/0040-container-image-and-compose.md).
#   SERVICE=<name>  runs services/<name>/src/main.ts; SERVICE=migrate applies the database migrations.
#   Arguments, when given, run instead (e.g. `docker run ... autoalex:local sh`).
# Started as root, it hands DATA_DIR to PUID:PGID (Unraid: 99:100) and drops to that user with setpriv;
# started as any other user (compose `user:`, Kubernetes runAsUser) it runs as that user unchanged.
set -eu

APP_DIR=${APP_DIR:-/app}
DATA_DIR=${DATA_DIR:-/data}
PUID=${PUID:-99}
PGID=${PGID:-100}

die() {
  echo "autoalex-entrypoint: $*" >&2
  exit 64
}

case $PUID in '' | *[!0-9]*) die "PUID must be a number (got '$PUID')" ;; esac
case $PGID in '' | *[!0-9]*) die "PGID must be a number (got '$PGID')" ;; esac

cd "$APP_DIR"

if [ "$#" -eq 0 ]; then
  services=$(ls services 2>/dev/null | tr '\n' ' ')
  case ${SERVICE:-} in
    '') die "SERVICE is not set; one of: migrate ${services}" ;;
    migrate) set -- node packages/db/src/migrate-cli.ts ;;
    *[!a-z0-9-]*) die "unknown SERVICE '$SERVICE'; one of: migrate ${services}" ;;
    *)
      [ -f "services/$SERVICE/src/main.ts" ] || die "unknown SERVICE '$SERVICE'; one of: migrate ${services}"
      set -- node "services/$SERVICE/src/main.ts"
      ;;
  esac
fi

if [ "$(id -u)" = 0 ] && [ "$PUID" != 0 ]; then
  mkdir -p "$DATA_DIR"
  # Recursive only when the owner differs (first start, or PUID/PGID changed), so restarts stay fast.
  if [ "$(stat -c %u:%g "$DATA_DIR")" != "$PUID:$PGID" ]; then
    echo "autoalex-entrypoint: giving $DATA_DIR to $PUID:$PGID" >&2
    chown -R "$PUID:$PGID" "$DATA_DIR" || echo "autoalex-entrypoint: could not chown $DATA_DIR; continuing" >&2
  fi
  # The user need not exist in /etc/passwd; give it a writable HOME for tools that want one.
  export HOME=/tmp
  exec setpriv --reuid="$PUID" --regid="$PGID" --clear-groups -- "$@"
fi

if [ "$(id -u)" = 0 ]; then echo "autoalex-entrypoint: PUID is 0, running as root" >&2; fi
exec "$@"
