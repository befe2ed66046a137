#!/usr/bin/env bash
# Lock a Debian/Ubuntu counter PC down to the kiosk (optional; run once, as root, after
# installing the quay-so .deb, which ships this as /usr/lib/quay-so/setup-kiosk-session):
#
#   - a dedicated account (default quayso) with a locked password, in the groups that
#     reach the webcam (video), a USB-COM scanner (dialout), a USB receipt printer (lp)
#     and the speaker (audio);
#   - LightDM as the display manager, logging that account in automatically into the
#     "Quầy Số kiosk" X session (/usr/lib/quay-so/kiosk-session): no desktop, screen
#     blanking off, matchbox-window-manager keeping the kiosk full screen, the kiosk
#     started again whenever it exits, with no key that starts a program or leaves it;
#   - the X server with Ctrl+Alt+Backspace (DontZap), Ctrl+Alt+F1..F12 (DontVTSwitch) and
#     Ctrl+Alt+keypad +/- (DontZoom) off (/etc/X11/xorg.conf.d/50-quay-so-kiosk.conf);
#   - the account's settings file with the defaults (kiosk config init), if it has none.
#
# LightDM, because its autologin into a chosen session is two lines of configuration; GDM
# keeps the session choice per user in AccountsService. When another display manager (GDM,
# SDDM) is the default, this makes LightDM the default instead; the other stays installed.
# To leave the kiosk: an administrator logs in over SSH, or sets the PC up with
# --allow-vt-switch and uses Ctrl+Alt+F3 (a text console with a login prompt).
# To undo: delete /etc/lightdm/lightdm.conf.d/50-quay-so-kiosk.conf and
# /etc/X11/xorg.conf.d/50-quay-so-kiosk.conf (and the account).
#
# Usage: setup-kiosk-session [--user NAME] [--hide-cursor] [--allow-vt-switch] [--no-install]
#                            [--root DIR]
#   --user NAME     the kiosk account (default quayso)
#   --hide-cursor   no mouse pointer on the kiosk screen (touch screens)
#   --allow-vt-switch  keep Ctrl+Alt+F1..F12 (text consoles, for an administrator on site)
#   --no-install    do not apt-get install lightdm, matchbox-window-manager, x11-*-utils
#   --root DIR      write the files under DIR instead of / and change nothing else (no
#                   account, no packages, no services): to review what it would do
set -euo pipefail

KIOSK_USER=quayso
ROOT=
INSTALL=1
HIDE_CURSOR=0
VT_SWITCH=0
while [ "$#" -gt 0 ]; do
    case "$1" in
        --user) KIOSK_USER=${2:?--user needs a name}; shift 2 ;;
        --hide-cursor) HIDE_CURSOR=1; shift ;;
        --allow-vt-switch) VT_SWITCH=1; shift ;;
        --no-install) INSTALL=0; shift ;;
        --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
        -h | --help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "setup-kiosk-session: unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

log() { printf '[setup-kiosk-session] %s\n' "$*"; }
die() { printf '[setup-kiosk-session] ERROR: %s\n' "$*" >&2; exit 1; }
# Run a command that changes the system, unless --root was given.
system() {
    if [ -n "$ROOT" ]; then log "(--root: skipped) $*"; else "$@"; fi
}

SESSION_NAME=quay-so-kiosk
SESSION_COMMAND=/usr/lib/quay-so/kiosk-session
[[ "$KIOSK_USER" =~ ^[a-z_][a-z0-9_-]*$ ]] || die "not a valid account name: $KIOSK_USER"
if [ -z "$ROOT" ]; then
    [ "$(id -u)" -eq 0 ] || die "run as root (sudo $0)"
    [ -x "$SESSION_COMMAND" ] || die "$SESSION_COMMAND not found: install the quay-so .deb first"
fi

# --- 1. packages ----------------------------------------------------------------------------
if [ "$INSTALL" = 1 ]; then
    log "installing lightdm, matchbox-window-manager, x11-xserver-utils, x11-xkb-utils (if missing)"
    system env DEBIAN_FRONTEND=noninteractive apt-get -q -y install --no-install-recommends \
        lightdm lightdm-gtk-greeter matchbox-window-manager x11-xserver-utils x11-xkb-utils \
        xserver-xorg
fi

# --- 2. the kiosk account -------------------------------------------------------------------
if [ -n "$ROOT" ] || ! id "$KIOSK_USER" >/dev/null 2>&1; then
    log "creating the account $KIOSK_USER"
    system useradd --create-home --shell /bin/bash --comment "Quay So kiosk" "$KIOSK_USER"
    system passwd --lock "$KIOSK_USER"
else
    log "account $KIOSK_USER exists"
fi
for group in video dialout lp audio autologin; do
    if [ "$group" = autologin ] && [ -z "$ROOT" ] && ! getent group autologin >/dev/null; then
        system groupadd --system autologin  # some LightDM PAM set-ups want it
    fi
    if [ -n "$ROOT" ] || getent group "$group" >/dev/null; then
        system usermod --append --groups "$group" "$KIOSK_USER"
    fi
done

# --- 3. the X session -----------------------------------------------------------------------
write() {  # write PATH (relative to /) from stdin, mode 0644
    local target="$ROOT$1"
    mkdir -p "$(dirname "$target")"
    cat >"$target"
    chmod 0644 "$target"
    log "wrote $1"
}

session_exec=$SESSION_COMMAND
if [ "$VT_SWITCH" = 1 ]; then session_exec="$session_exec --allow-vt-switch"; fi
write /usr/share/xsessions/$SESSION_NAME.desktop <<EOF
[Desktop Entry]
Type=Application
Name=Quầy Số kiosk
Comment=Only the Quầy Số kiosk, full screen, started again when it exits
Exec=$session_exec
EOF

# The X server's own escapes, which no keymap change of the session can bring back: Xorg
# reads ServerFlags before any client connects. (kiosk-session also takes these keys out of
# the keymap, for an X server started without this file.)
if [ "$VT_SWITCH" = 1 ]; then vt_switch=false; else vt_switch=true; fi
write /etc/X11/xorg.conf.d/50-quay-so-kiosk.conf <<EOF
# Written by setup-kiosk-session (quay-so): no key of the kiosk's keyboard ends or leaves X.
Section "ServerFlags"
    Option "DontZap" "true"
    Option "DontVTSwitch" "$vt_switch"
    Option "DontZoom" "true"
EndSection
EOF

xserver="X -s 0 -dpms"  # no screen saver, no power saving: the screen never goes dark
if [ "$HIDE_CURSOR" = 1 ]; then xserver="$xserver -nocursor"; fi
write /etc/lightdm/lightdm.conf.d/50-quay-so-kiosk.conf <<EOF
# Written by setup-kiosk-session (quay-so): autologin into the kiosk-only session.
[Seat:*]
autologin-user=$KIOSK_USER
autologin-user-timeout=0
autologin-session=$SESSION_NAME
user-session=$SESSION_NAME
xserver-command=$xserver
EOF

# --- 4. LightDM as the display manager ------------------------------------------------------
current=$(cat "$ROOT/etc/X11/default-display-manager" 2>/dev/null || true)
if [ "$current" != /usr/sbin/lightdm ]; then
    log "display manager: ${current:-none} -> /usr/sbin/lightdm"
    echo /usr/sbin/lightdm | write /etc/X11/default-display-manager
    if [ -z "$ROOT" ] && command -v systemctl >/dev/null 2>&1; then
        # lightdm.service is an alias of display-manager.service: --force moves the alias.
        systemctl enable --force lightdm.service || log "systemctl enable lightdm failed: do it by hand"
    fi
fi

# --- 5. CUPS keeps no copy of a printed receipt -------------------------------------------------
# A receipt holds the citizen's name; CUPS keeps each printed job's file for a day by default,
# and only an administrator may purge it (docs/OPERATIONS.md, "Erasure"): tell CUPS not to.
if command -v cupsctl >/dev/null 2>&1; then
    log "CUPS: PreserveJobFiles No (printed receipts leave nothing in the spool)"
    system cupsctl PreserveJobFiles=No || log "cupsctl failed: set PreserveJobFiles No by hand"
else
    log "CUPS not installed: nothing to do for its spool"
fi

# --- 6. the account's settings --------------------------------------------------------------
if [ -z "$ROOT" ]; then
    home=$(getent passwd "$KIOSK_USER" | cut -d: -f6)
    if [ ! -f "$home/.config/quay-so/settings.toml" ]; then
        log "writing $home/.config/quay-so/settings.toml with the defaults"
        su --login "$KIOSK_USER" --shell /bin/sh --command "/usr/bin/kiosk config init" \
            || log "kiosk config init failed: run it as $KIOSK_USER"
    fi
else
    log "(--root: skipped) kiosk config init as $KIOSK_USER"
fi

log "done. Restart the PC (or: systemctl restart lightdm) to start the kiosk session."
log "Edit the settings in ~$KIOSK_USER/.config/quay-so/settings.toml; back up privacy.key there."
