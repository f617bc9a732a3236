#!/usr/bin/env bash
# System packages the test suite needs (Debian): Chromium for the browser test; PostgreSQL and
# Redis for the horizontal set-up test (tests/stack/test_scale.py).
# Runs as root in CI; elsewhere it only says what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} from Debian's packages..."
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }; then
    echo "Could not install ${need[*]}; the tests that need them will be skipped." >&2
  fi
  # The Debian packages start system services; the tests start their own private instances.
  (service postgresql stop; service redis-server stop) >/dev/null 2>&1 || true
else
  echo "Missing system packages: ${need[*]} (install them with apt-get); browser and scale tests will be skipped." >&2
fi
