#!/usr/bin/env bash
# Builds the wheel that carries the fzlint binary (pyproject.toml), the way ruff is
# installed with pip: `pip install fzlint-*.whl` puts `fzlint` on the environment's PATH.
# maturin comes from scripts/py-tools.sh. The wheel is for this machine's platform; the
# release workflow builds the others.
#
#   scripts/build-wheel.sh [OUT_DIR]    (default target/wheels)
#
# Prints the wheel's path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/wheels}
bin=$(scripts/py-tools.sh | tail -n 1)
"$bin/maturin" build --release --locked --out "$out" >&2
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
newest=""
for w in "$out"/fzlint-"$version"-*.whl; do
  if [ -z "$newest" ] || [ "$w" -nt "$newest" ]; then newest=$w; fi
done
echo "$newest"
