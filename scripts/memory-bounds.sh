#!/usr/bin/env bash
# The memory bound of `fzlint check` (README, Limits): on hostile inputs made by
# scripts/hostile-inputs.py (20 MB of 「（, and a compressed .docx of many numbered
# paragraphs), `check` in every output format must stay under
#   BOUND_FACTOR × the input's size (for the .docx: its unpacked document) + BOUND_BASE
# of peak resident memory, as /usr/bin/time -v measures it. Prints one line a run
# (format, input, peak KB, seconds) and exits 1 when any run is over.
#
# Usage: scripts/memory-bounds.sh [FZLINT_BINARY]   (default: target/release/fzlint,
# brought up to date first; after `cargo test` has built it, as in .ci/run, that costs
# nothing). About 30 seconds. Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/fzlint
fi
BOUND_FACTOR=${BOUND_FACTOR:-20}
BOUND_BASE_MB=${BOUND_BASE_MB:-64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/hostile-inputs.py "$work" 300000
# The .docx's bound is on what it unpacks to (the reader holds its XML), its size on
# disk says nothing.
docx_unpacked=$(python3 -c 'import sys, zipfile; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$work/numbered.docx")
failed=0
for input in paren.txt numbered.docx; do
  case $input in
    *.docx) size=$docx_unpacked ;;
    *) size=$(stat -c %s "$work/$input") ;;
  esac
  bound_kb=$(( (size * BOUND_FACTOR) / 1024 + BOUND_BASE_MB * 1024 ))
  for format in human concise json github sarif junit gitlab; do
    # Exit 1 (findings) is expected; anything else is a failure of its own.
    set +e
    /usr/bin/time -v "$bin" check --isolated -j 1 --format "$format" "$work/$input" \
      > /dev/null 2> "$work/time.txt"
    code=$?
    set -e
    peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
    verdict=ok
    if [ "$code" -gt 1 ]; then
      verdict="exit $code"
      failed=1
    elif [ "$peak" -gt "$bound_kb" ]; then
      verdict="over the bound"
      failed=1
    fi
    printf '%-8s %-14s %8s KB (bound %s KB) %8s  %s\n' "$format" "$input" "$peak" "$bound_kb" "$secs" "$verdict"
  done
done
exit $failed
