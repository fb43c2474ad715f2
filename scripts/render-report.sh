#!/usr/bin/env bash
# Renders a jikun HTML report to PNG with headless Chromium, to look at it as a reader would.
#
#   scripts/render-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
#
# OUT.png defaults to REPORT.png beside the report; the window defaults to 1200x3000 (the
# screenshot is the window, so make it tall enough for the whole page).
#
# Needs Debian's `chromium` and, for the Chinese labels, a CJK font (`fonts-noto-cjk`); as
# root the script installs them with apt-get when they are missing. Without a CJK font the
# Chinese text shows as empty boxes.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 || "$1" == -h || "$1" == --help ]]; then
  echo "usage: $0 REPORT.html [OUT.png] [WIDTHxHEIGHT]" >&2
  exit 2
fi

report="$1"
if [[ ! -f "$report" ]]; then
  echo "$0: no such file: $report" >&2
  exit 1
fi
case "$report" in
  *.html|*.htm|*.HTML|*.HTM) ;;
  *) echo "$0: expected an .html file, got: $report" >&2; exit 1 ;;
esac
out="${2:-${report%.*}.png}"
size="${3:-1200x3000}"
if [[ ! "$size" =~ ^[0-9]+x[0-9]+$ ]]; then
  echo "$0: size must look like 1200x3000, got: $size" >&2
  exit 1
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} ..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "$0: please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

abs="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

# A throwaway profile keeps the run from touching (or depending on) the user's Chromium.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --no-first-run --disable-extensions \
  --window-size="${size/x/,}" --screenshot="$out_abs" "file://$abs" \
  >/dev/null 2>&1 || { echo "$0: chromium failed" >&2; exit 1; }

if [[ ! -s "$out_abs" ]]; then
  echo "$0: no screenshot was written to $out_abs" >&2
  exit 1
fi
echo "$out_abs"
