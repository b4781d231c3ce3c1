#!/usr/bin/env bash
# Install Quote Workbench's desktop integration for the current user (Linux, freedesktop.org):
#   packaging/install-desktop.sh [--exec /path/to/quote-workbench]
# into ${XDG_DATA_HOME:-~/.local/share}: the .desktop file (applications/), the AppStream metainfo
# (metainfo/), the icons (icons/hicolor/), and the project file's MIME type with its magic
# (mime/packages/); then updates the MIME, desktop and icon databases, so a double-click on a .qwb
# opens it in Quote Workbench. --exec names the program the menu entry starts (the frozen app's
# binary, say); without it the entry runs `quote-workbench` from PATH. Safe to run again.
# Needs update-mime-database (shared-mime-info); update-desktop-database (desktop-file-utils) and
# gtk-update-icon-cache are used when present.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
app_id=org.quoteworkbench.QuoteWorkbench
exec_path=""
while [ $# -gt 0 ]; do
  case "$1" in
    --exec) [ $# -ge 2 ] || { echo "usage: $0 [--exec PROGRAM]" >&2; exit 2; }; exec_path=$2; shift 2 ;;
    *) echo "usage: $0 [--exec PROGRAM]" >&2; exit 2 ;;
  esac
done
if [ -n "$exec_path" ] && ! { [ -f "$exec_path" ] && [ -x "$exec_path" ]; }; then
  echo "$exec_path is not a program that can be run." >&2; exit 1
fi
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages"

if [ -n "$exec_path" ]; then
  exec_path=$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path")
  # the Exec key's quoting: inside double quotes, escape \ " ` $ (Desktop Entry Specification)
  quoted=$(printf '%s' "$exec_path" | sed -e 's/[\\"`$]/\\&/g')
  sed -e "s|^Exec=quote-workbench |Exec=\"${quoted//|/\\|}\" |" "$here/$app_id.desktop" > "$data/applications/$app_id.desktop"
else
  cp "$here/$app_id.desktop" "$data/applications/$app_id.desktop"
fi
cp "$here/$app_id.metainfo.xml" "$data/metainfo/$app_id.metainfo.xml"
cp "$here/quote-workbench-mime.xml" "$data/mime/packages/$app_id.xml"
for png in "$root"/resources/icons/hicolor/*/apps/"$app_id".png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  mkdir -p "$data/icons/hicolor/$size/apps"
  cp "$png" "$data/icons/hicolor/$size/apps/"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$root/resources/icons/$app_id.svg" "$data/icons/hicolor/scalable/apps/"

update-mime-database "$data/mime"
if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$data/applications"; fi
if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true; fi
echo "installed $app_id into $data"
