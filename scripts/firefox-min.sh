#!/usr/bin/env bash
# The Firefox smoke test on the add-on's minimum Firefox (strict_min_version 140.0, wxt.config.ts).
# apt's firefox-esr is usually newer (Debian bookworm-security ships 153): this unpacks the 140 ESR
# that bookworm's main repository keeps into .cache/firefox-min (nothing is installed) and runs
# test/firefox/smoke.ts with it (FIREFOX_PATH). Needs apt (Debian/Ubuntu) and the Firefox build
# (npm run build:firefox). Exits 3 when apt offers no 140.x, so a caller can tell "not run" apart.
# --fetch-only: unpack it (if not yet there), print the binary's path and stop (the benchmark uses it).
set -euo pipefail
cd "$(dirname "$0")/.."
MIN=140
dir=.cache/firefox-min
bin="${dir}/usr/lib/firefox-esr/firefox-esr"
if [ ! -x "${bin}" ]; then
  version=$(apt-cache madison firefox-esr | awk -F'|' '{gsub(/ /, "", $2); print $2}' | grep "^${MIN}\." | head -n 1 || true)
  if [ -z "${version}" ]; then
    echo "firefox-min: apt offers no firefox-esr ${MIN}.x (apt-cache madison firefox-esr); the smoke test on Firefox ${MIN} did not run" >&2
    exit 3
  fi
  rm -rf "${dir}" && mkdir -p "${dir}"
  (cd "${dir}" && apt-get download "firefox-esr=${version}" >/dev/null)
  dpkg-deb -x "${dir}"/firefox-esr_*.deb "${dir}"
  rm -f "${dir}"/firefox-esr_*.deb
fi
if [ "${1:-}" = "--fetch-only" ]; then echo "${PWD}/${bin}"; exit 0; fi
"${bin}" --version
FIREFOX_PATH="${PWD}/${bin}" npx tsx test/firefox/smoke.ts
