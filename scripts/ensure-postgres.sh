#!/usr/bin/env bash
# Make sure the PostgreSQL used by the tests is up: postgresql+psycopg://postgres@127.0.0.1:5432/test
# - KIOSK_TEST_PG_URL set: the tests use that server; nothing to do here.
# - a server already answers on 127.0.0.1:5432: leave it alone (only create database `test`
#   if it is missing).
# - otherwise: install Debian's postgresql if missing, let pg_hba.conf trust local and
#   loopback connections (backup in pg_hba.conf.orig), start the newest cluster, wait for it,
#   create database `test`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
LOG_TAG=postgres
export DEBIAN_FRONTEND=noninteractive

if [ -n "${KIOSK_TEST_PG_URL:-}" ]; then
    log "KIOSK_TEST_PG_URL is set: not managing a local server"
    exit 0
fi

HOST=127.0.0.1
PORT=5432
DB=test
WAIT_SECONDS=30

ready() {
    command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$HOST" -p "$PORT" -t 2
}

# Create database $DB unless it exists (-w: never prompt for a password).
ensure_db() {
    local exists
    exists=$(psql -w -X -h "$HOST" -p "$PORT" -U postgres -d postgres -Atc \
        "SELECT 1 FROM pg_database WHERE datname='$DB'") || return 1
    if [ "$exists" != 1 ]; then
        log "creating database $DB"
        createdb -w -h "$HOST" -p "$PORT" -U postgres "$DB" || return 1
    fi
}

# Succeeds when, for each of local / 127.0.0.1/32 / ::1/128, the first pg_hba.conf rule that can
# match user postgres (database test or postgres) is `trust`. Rules are first-match: a trust
# line after Debian's "local all postgres peer" would not count, hence this check.
hba_trusts_loopback() {
    as_root cat "$1" | awk '
        function has(list, a, b,   n, i, x) {
            n = split(list, x, ",")
            for (i = 1; i <= n; i++) if (x[i] == "all" || x[i] == a || x[i] == b) return 1
            return 0
        }
        /^[[:space:]]*(#|$)/ { next }
        {
            sub(/#.*/, "")
            if (!has($2, "test", "postgres") || !has($3, "postgres", "postgres")) next
            if ($1 == "local") {
                if (!("local" in m)) m["local"] = $4
            } else if ($1 ~ /^host(ssl|nossl)?$/) {
                if ($4 == "all" || $4 == "samehost" || $4 == "localhost") {
                    if (!("v4" in m)) m["v4"] = $5
                    if (!("v6" in m)) m["v6"] = $5
                } else if ($4 == "127.0.0.1/32" || ($4 == "127.0.0.1" && $5 == "255.255.255.255")) {
                    if (!("v4" in m)) m["v4"] = ($4 ~ /\// ? $5 : $6)
                } else if ($4 == "::1/128") {
                    if (!("v6" in m)) m["v6"] = $5
                }
            }
        }
        END { exit !(m["local"] == "trust" && m["v4"] == "trust" && m["v6"] == "trust") }'
}

if ready; then
    log "server answers on $HOST:$PORT"
    ensure_db || log "WARNING: could not check/create database $DB as user postgres (auth?); tests may fail"
    exit 0
fi

log "no server on $HOST:$PORT: setting one up"
mapfile -t missing < <(missing_packages postgresql)
if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
fi

ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$ver" ] || [ ! -e "/etc/postgresql/$ver/main/postgresql.conf" ]; then
    ver=${ver:-$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1 || true)}
    [ -n "$ver" ] || die "no PostgreSQL found under /etc/postgresql or /usr/lib/postgresql"
    log "creating cluster $ver/main"
    as_root pg_createcluster "$ver" main
fi

hba=/etc/postgresql/$ver/main/pg_hba.conf
if hba_trusts_loopback "$hba"; then
    log "$hba already trusts local/loopback connections"
else
    log "allowing trust for local, 127.0.0.1/32 and ::1/128 in $hba (backup: $hba.orig)"
    as_root test -e "$hba.orig" || as_root cp -p "$hba" "$hba.orig"
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    {
        echo "# Added by scripts/ensure-postgres.sh (Quầy Số tests): trust local/loopback connections."
        echo "local   all   all                  trust"
        echo "host    all   all   127.0.0.1/32   trust"
        echo "host    all   all   ::1/128        trust"
        echo
        as_root cat "$hba"
    } >"$tmp"
    as_root cp "$tmp" "$hba"   # cp onto the existing file keeps its owner and mode
fi

if as_root pg_ctlcluster "$ver" main status >/dev/null 2>&1; then
    # Running, yet not answering on $HOST:$PORT (other port/address?) or just edited: reload.
    log "cluster $ver/main is running: reloading its configuration"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main reload
else
    log "starting cluster $ver/main"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start
fi

for _ in $(seq "$WAIT_SECONDS"); do
    ready && break
    sleep 1
done
if ! ready; then
    die "PostgreSQL $ver/main not answering on $HOST:$PORT after ${WAIT_SECONDS}s (check port/listen_addresses in /etc/postgresql/$ver/main/postgresql.conf, log in /var/log/postgresql/)"
fi
ensure_db || die "could not create database $DB on $HOST:$PORT as user postgres"
log "ready: postgresql+psycopg://postgres@$HOST:$PORT/$DB"
