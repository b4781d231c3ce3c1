#!/usr/bin/env bash
# Set up Quote Workbench on a fresh Debian/Ubuntu machine, then run it or its tests.
#   packaging/dev.sh run   install, then open the window on the bundled sample article
#   packaging/dev.sh test  install, then run the whole test suite (Qt offscreen)
# Installs Debian packages Qt needs (apt-get, with sudo when not root) and the project
# with its test extra into .venv. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
case "$mode" in run|test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac

qt_offscreen=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 fonts-dejavu-core)
qt_window=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
           libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0)
# the tests also check the desktop integration (MIME type, .desktop file, AppStream metainfo)
desktop_tools=(shared-mime-info xdg-utils libfile-mimeinfo-perl desktop-file-utils appstream)
# the team-desk tests start a real PostgreSQL server of their own (tests/postgres_server.py)
team_server=(postgresql)
packages=("${qt_offscreen[@]}" poppler-utils)
[ "$mode" = run ] && packages+=("${qt_window[@]}")
[ "$mode" = test ] && packages+=("${desktop_tools[@]}" "${team_server[@]}")
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then missing+=(python3-venv); fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  # Another apt (unattended upgrades on a fresh machine) may hold the lock: wait up to 5 minutes for it.
  wait_lock=(-o DPkg::Lock::Timeout=300)
  $sudo apt-get "${wait_lock[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait_lock[@]}" install -y -qq "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip   # the image's pip 23.2 resolves some packages wrongly
.venv/bin/python -m pip install -q -e '.[test]'

if [ "$mode" = run ]; then
  exec .venv/bin/quote-workbench resources/samples/bbc-ukraine-blinken.txt
fi

export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8
status=0
.venv/bin/python -m pytest "${@:2}" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure, not a pass." >&2
  exit 1
fi
exit "$status"
