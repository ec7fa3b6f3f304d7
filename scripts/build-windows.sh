#!/usr/bin/env bash
# Builds fzlint.exe, one file that runs on 64-bit Windows with nothing else installed,
# by cross-compiling on Debian: Rust's x86_64-pc-windows-gnu target, linked (and
# mimalloc's C compiled) by Debian's mingw-w64. Installs what it lacks: the Rust target
# (rustup) and gcc-mingw-w64-x86-64 (apt-get); with --wine also Debian's wine64, which
# tests/windows.rs runs the exe under. Safe to run again: it installs only what is missing.
#
#   scripts/build-windows.sh            install what is missing, build, print the exe's path
#   scripts/build-windows.sh --wine     the same, and install Wine for the test
#   scripts/build-windows.sh --no-build install only (with --wine: Wine too)
#
# The exe is target/x86_64-pc-windows-gnu/release/fzlint.exe (under CARGO_TARGET_DIR
# when that is set); the last line printed is its path.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
wine=0
build=1
for arg in "$@"; do
  case "$arg" in
    --wine) wine=1 ;;
    --no-build) build=0 ;;
    *) echo "usage: $0 [--wine] [--no-build]" >&2; exit 2 ;;
  esac
done

missing=()
command -v x86_64-w64-mingw32-gcc > /dev/null || missing+=(gcc-mingw-w64-x86-64)
# Debian's wine64 alone runs 64-bit console programs; the wine package adds the
# `wine` launcher on PATH.
if [ "$wine" -eq 1 ] && ! command -v wine > /dev/null; then
  missing+=(wine wine64)
fi
scripts/apt-install.sh "${missing[@]}"
if ! command -v rustup > /dev/null; then
  echo "$0: needs rustup, which brings the standard library for $target" >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target" >&2
fi

[ "$build" -eq 1 ] || exit 0

# rustc and the cc crate would guess these names too; saying them keeps a machine with
# another mingw (or an MSVC-style CC in the environment) from being picked.
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
cargo build --release --locked --target "$target" --bin fzlint >&2
echo "${CARGO_TARGET_DIR:-target}/$target/release/fzlint.exe"
