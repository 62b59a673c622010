#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run every test.
#   system: chromium (browser tests), postgresql (the PostgreSQL tests start a real server)
#   python: the package with its dev extra, in .venv
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
# Lint first: unused or undefined names and import order (ruff), definitions nothing uses (vulture).
.venv/bin/ruff check -q
.venv/bin/vulture
# Two workers on the two-core CI machine; each starts its own PostgreSQL server and app servers.
exec .venv/bin/python -m pytest -n auto "$@"
