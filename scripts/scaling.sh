#!/usr/bin/env bash
# Time of `fzlint check` grows linearly with the input: for each hostile shape (one
# text repeated, all on one line and one a line), the run on 2 MB must take no more than
# SCALE_FACTOR × the run on 256 KB (8 times smaller) plus SCALE_SLACK seconds of CPU, as
# /usr/bin/time measures it (user + system). A linear path takes about 8 times as long,
# a quadratic one 64 times: the one-line citations took 1.2 s at 256 KB and minutes at
# 2 MB before the sentence around each citation was found by a search.
# Prints one line a run and exits 1 when any shape grows faster.
#
# Usage: scripts/scaling.sh [FZLINT_BINARY]   (default: target/release/fzlint, brought
# up to date first). About 10 seconds. Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/fzlint
fi
SCALE_FACTOR=${SCALE_FACTOR:-16}
SCALE_SLACK=${SCALE_SLACK:-1.0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
shapes = {
    "citation": "《中华人民共和国行政处罚法》第十条",
    "garbled": "《法治政府建设实施纲要(2021-2025)》",
    "date": "2024年1月1日",
    "heading": "一、推进依法行政",
    "rate": "审查率100%",
}
for name, unit in shapes.items():
    for size, tag in ((256 * 1024, "small"), (2 * 1024 * 1024, "big")):
        n = size // len(unit.encode())
        open(f"{work}/{name}-line-{tag}.txt", "w").write(unit * n + "\n")
        open(f"{work}/{name}-lines-{tag}.txt", "w").write((unit + "\n") * n)
PY
cpu() {
  set +e
  /usr/bin/time -f '%U %S' -o "$work/time.txt" "$bin" check --isolated -j 1 --format json "$1" > /dev/null
  code=$?
  set -e
  if [ "$code" -gt 1 ]; then echo "exit $code on $1" >&2; return 1; fi
  tail -n 1 "$work/time.txt" | awk '{print $1 + $2}'
}
failed=0
for f in "$work"/*-small.txt; do
  shape=$(basename "$f" -small.txt)
  small=$(cpu "$f") || { failed=1; continue; }
  big=$(cpu "$work/$shape-big.txt") || { failed=1; continue; }
  verdict=$(awk -v s="$small" -v b="$big" -v k="$SCALE_FACTOR" -v c="$SCALE_SLACK" \
    'BEGIN { print (b > k * s + c) ? "super-linear" : "ok" }')
  [ "$verdict" = ok ] || failed=1
  printf '%-16s 256 KB %6.2f s   2 MB %6.2f s   %s\n' "$shape" "$small" "$big" "$verdict"
done
exit $failed
