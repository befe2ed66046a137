#!/usr/bin/env bash
# Make a Debian package of the one-folder app (scripts/build-package.sh builds it first):
#   /opt/quay-so/                     the app (kiosk and its _internal/ folder)
#   /usr/bin/kiosk -> /opt/quay-so/kiosk
#   /usr/share/applications/quay-so.desktop
#   /usr/lib/quay-so/kiosk-session, setup-kiosk-session   optional lockdown (installer/README.md)
#   /usr/share/doc/quay-so/           README.md, copyright
#
# Usage: scripts/build-deb.sh [--app DIR] [--out DIR] [--compression zstd|xz|gzip|none]
#   --app DIR          the built app (default dist/kiosk)
#   --out DIR          where the .deb goes (default dist)
#   --compression C    dpkg-deb's compressor: zstd (default; level 9: 147 MB in 15 s here),
#                      xz (smallest: 116 MB, but 5 minutes here), gzip, none (tests)
# Prints the path of the .deb on its last line.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
LOG_TAG=deb

APP=dist/kiosk
OUT=dist
COMPRESSION=zstd
while [ "$#" -gt 0 ]; do
    case "$1" in
        --app) APP=${2:?--app needs a directory}; shift 2 ;;
        --out) OUT=${2:?--out needs a directory}; shift 2 ;;
        --compression) COMPRESSION=${2:?--compression needs a value}; shift 2 ;;
        -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done
case "$COMPRESSION" in xz | gzip | zstd | none) ;; *) die "unknown compression: $COMPRESSION" ;; esac

command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb not found (Debian/Ubuntu only)"
[ -x "$APP/kiosk" ] || die "$APP/kiosk not found: build the app first (make package)"

# "kiosk 0.1.0" -> 0.1.0; running it is also a last check that the app starts.
version=$(env -u PYTHONPATH -u VIRTUAL_ENV "$APP/kiosk" --version </dev/null | awk '{print $2}')
[ -n "$version" ] || die "$APP/kiosk --version printed no version"
arch=$(dpkg --print-architecture)

# The newest glibc symbol version any bundled binary needs: the oldest libc6 it runs on.
glibc=$(find "$APP" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
    | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' \
    | sort -uV | tail -n 1)
[ -n "$glibc" ] || die "could not read the glibc version the app needs (objdump from binutils)"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/quay-so_${version}_${arch}"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/lib/quay-so" \
    "$root/usr/share/applications" "$root/usr/share/doc/quay-so"

cp -a "$APP" "$root/opt/quay-so"
ln -s /opt/quay-so/kiosk "$root/usr/bin/kiosk"
install -m 0644 installer/quay-so.desktop "$root/usr/share/applications/quay-so.desktop"
install -m 0755 installer/linux/kiosk-session "$root/usr/lib/quay-so/kiosk-session"
install -m 0755 installer/linux/setup-kiosk-session.sh "$root/usr/lib/quay-so/setup-kiosk-session"
install -m 0644 installer/README.md "$root/usr/share/doc/quay-so/README.md"
cat >"$root/usr/share/doc/quay-so/copyright" <<'EOF'
Quầy Số — support-counter kiosk for Vietnamese one-stop-shop service centres.
License: MIT.

/opt/quay-so/_internal holds third-party components under their own licences, among them
Python (PSF), Qt 6 and PySide6 (LGPL-3.0), OpenCV (Apache-2.0) with FFmpeg (LGPL-2.1),
zbar (LGPL-2.1), zxing-cpp (Apache-2.0), SQLAlchemy, Alembic, psycopg (LGPL-3.0),
reportlab (BSD), cryptography (Apache-2.0/BSD), and the Noto Sans fonts (SIL OFL 1.1,
resources/fonts/OFL.txt).
EOF
chmod -R u+rwX,go+rX,go-w "$root"

installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: quay-so
Version: $version
Architecture: $arch
Maintainer: Quầy Số <quay-so@localhost>
Installed-Size: $installed_size
Section: misc
Priority: optional
Depends: libc6 (>= $glibc), libstdc++6, libgcc-s1, libgl1, libegl1, libxcb1
Recommends: cups-client, espeak-ng
Suggests: cups, lightdm, matchbox-window-manager, x11-xserver-utils
Description: Quầy Số support-counter kiosk
 Touch kiosk for the support counter of a Vietnamese one-stop-shop service
 centre: logs every assisted visit, reads ID-card QR codes, shows step-by-step
 guides, prints receipts and makes the end-of-day report. Self-contained: it
 brings its own Python, Qt and libraries in /opt/quay-so.
 .
 Optional lockdown (autologin into a kiosk-only session):
 /usr/lib/quay-so/setup-kiosk-session, see /usr/share/doc/quay-so/README.md.
EOF

mkdir -p "$OUT"
deb="$OUT/quay-so_${version}_${arch}.deb"
log "dpkg-deb ($COMPRESSION) -> $deb"
level=()
if [ "$COMPRESSION" = zstd ]; then level=(-z9); fi  # dpkg 1.21.18+: Debian 12, Ubuntu 22.04
dpkg-deb --root-owner-group -Z"$COMPRESSION" "${level[@]}" --build "$root" "$deb" >/dev/null
log "$deb: $(du -h "$deb" | cut -f1), installs $((installed_size / 1024)) MB, needs glibc >= $glibc"
echo "$deb"
