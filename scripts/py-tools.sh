#!/usr/bin/env bash
# The Python tools the packaging checks use, at the versions pinned in scripts/py-tools.txt,
# in a virtual environment of their own (target/py-tools, or $FZLINT_PY_TOOLS): maturin
# builds the wheel, pre-commit tries the hooks, actionlint checks the release workflow.
# Also Debian's shellcheck, with which actionlint checks the workflows' `run:` scripts,
# and in $venv/wheels the setuptools wheel that the pre-commit check builds the mirror's
# package with while pip is kept off the network (tests/packaging.rs).
# Safe to run again: it installs only what is missing or whose pin changed.
# Prints the environment's bin folder on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${FZLINT_PY_TOOLS:-target/py-tools}
pins=scripts/py-tools.txt
setuptools=setuptools==80.9.0

missing=()
command -v python3 > /dev/null || missing+=(python3 python3-venv)
command -v shellcheck > /dev/null || missing+=(shellcheck)
scripts/apt-install.sh "${missing[@]}"

if [ ! -x "$venv/bin/python" ]; then
  # Debian's own python3 makes virtual environments only with python3-venv.
  if ! python3 -m venv "$venv" > /dev/null 2>&1; then
    rm -rf "$venv"
    scripts/apt-install.sh python3-venv
    python3 -m venv "$venv"
  fi
fi
# What is installed is recorded in the environment; a changed pin installs again.
want="$(cat "$pins"; echo "$setuptools")"
if [ "$want" != "$(cat "$venv/installed.txt" 2>/dev/null)" ]; then
  "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$pins" >&2
  rm -rf "$venv/wheels"
  "$venv/bin/python" -m pip download --disable-pip-version-check -q --only-binary :all: \
    --no-deps -d "$venv/wheels" "$setuptools" >&2
  printf '%s\n' "$want" > "$venv/installed.txt"
  # build.rs watches the pins: the tests that were ignored for want of these tools run
  # from the next build on.
  touch "$pins"
fi
echo "$venv/bin"
