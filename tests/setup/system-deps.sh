#!/usr/bin/env bash
# Installs the system programs the browser tests need, once, on a fresh machine.
# Browser test tools cannot download their own browsers here, so we use Debian's Chromium.
set -euo pipefail

need=()
chromium_path="${CHROMIUM_PATH:-}"
if [[ -z "$chromium_path" ]]; then
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [[ -x "$candidate" ]]; then chromium_path="$candidate"; break; fi
  done
fi
[[ -n "$chromium_path" ]] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# Fonts so screenshots and PDFs render text the way readers see it.
fc-list 2>/dev/null | grep -qi "dejavu" || need+=(fonts-dejavu-core)

if ((${#need[@]} == 0)); then
  exit 0
fi

if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for the tests: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The tests need these system packages: ${need[*]}" >&2
  echo "Install them (for example: sudo apt-get install ${need[*]}), or set CHROMIUM_PATH" >&2
  echo "to a Chromium or Chrome executable, then run 'make test' again." >&2
  exit 1
fi
