#!/usr/bin/env bash
# Writes the pre-commit mirror of a release into OUT_DIR: a repository with this one's
# .pre-commit-hooks.yaml and a Python package whose only dependency is the fzlint wheel
# of the same version, so that pre-commit installs the prebuilt binary and compiles
# nothing (the pattern of ruff-pre-commit). Used directly, this repository's hooks make
# pip build the wheel from source, which needs Rust and takes minutes.
#
#   scripts/pre-commit-mirror.sh OUT_DIR
#
# Then commit OUT_DIR, tag it v<version> and push it as the fzlint-pre-commit repository.
# pip finds the wheel on PyPI, or wherever PIP_FIND_LINKS / PIP_INDEX_URL point.
set -euo pipefail
[ "$#" -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
here="$(cd "$(dirname "$0")/.." && pwd)"
out=$1
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -n 1)
mkdir -p "$out"
cp "$here/.pre-commit-hooks.yaml" "$out/.pre-commit-hooks.yaml"
cat > "$out/pyproject.toml" <<TOML
# Installed by pre-commit for the hooks in .pre-commit-hooks.yaml: it brings the fzlint
# wheel, which carries the compiled binary. Written by fzlint's scripts/pre-commit-mirror.sh.
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "fzlint-pre-commit"
version = "$version"
description = "pre-commit hooks for fzlint, installing its prebuilt wheel"
dependencies = ["fzlint==$version"]

[tool.setuptools]
py-modules = []
packages = []
TOML
cat > "$out/README.md" <<MD
# fzlint-pre-commit

pre-commit hooks for [fzlint](../fzlint) $version, the checker of 法治政府建设年度报告.
pre-commit installs the fzlint wheel (the compiled program); nothing is compiled.

\`\`\`yaml
# .pre-commit-config.yaml
repos:
  - repo: <this repository>
    rev: v$version
    hooks:
      - id: fzlint
        files: ^reports/   # where the reports are
\`\`\`
MD
echo "$out"
