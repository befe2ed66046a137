# shellcheck shell=bash
# Helpers shared by scripts/setup.sh and scripts/ensure-postgres.sh (sourced, not run).

log() { printf '[%s] %s\n' "${LOG_TAG:-setup}" "$*"; }
die() { printf '[%s] ERROR: %s\n' "${LOG_TAG:-setup}" "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo otherwise.
# Without a terminal (CI, no stdin) sudo must not wait for a password: use -n.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
    else
        die "need root for: $* (not root and sudo is not installed)"
    fi
}

# Print the names, among the arguments, of the Debian packages that are not installed.
# One dpkg-query call for all of them (fast). Ubuntu 24.04 renamed some libraries with a
# "t64" suffix (libglib2.0-0 -> libglib2.0-0t64, libzbar0 -> libzbar0t64): either counts.
missing_packages() {
    local installed p args=()
    command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script supports Debian/Ubuntu only"
    for p in "$@"; do args+=("$p" "${p}t64"); done
    # dpkg-query exits 1 when some name is unknown: expected, hence "|| true".
    installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${args[@]}" 2>/dev/null \
        | awk '$NF == "installed" && $(NF-2) ~ /^(install|hold)$/ { print $1 }') || true
    for p in "$@"; do
        if ! grep -qxF -e "$p" -e "${p}t64" <<<"$installed"; then
            printf '%s\n' "$p"
        fi
    done
}

# apt-get update (at most once per process) then install the given packages.
_APT_UPDATED=0
apt_install() {
    [ "$#" -gt 0 ] || return 0
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: $*"
    if [ "$_APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Use-Pty=0 update </dev/null \
            || die "apt-get update failed"
        _APT_UPDATED=1
    fi
    log "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o Dpkg::Use-Pty=0 \
        install --no-install-recommends "$@" </dev/null \
        || die "apt-get install failed: $*"
}
