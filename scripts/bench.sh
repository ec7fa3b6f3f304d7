#!/usr/bin/env bash
# Prints fzlint's throughput figures: the in-process pipeline (cargo bench target)
# and the command line on a folder of generated reports, start to exit.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${FZLINT_BENCH_FILES:-2000}
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs || echo unknown)"
cargo build --release --quiet
FZLINT_BENCH_FILES=$FILES cargo bench --quiet --bench throughput

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
i=0
while [ $i -lt 200 ]; do
  for f in examples/*.txt tests/fixtures/clean/*.txt; do
    cp "$f" "$dir/$i-$(basename "$f")"
  done
  i=$((i + 1))
done
count=$(ls "$dir" | wc -l)
size=$(du -sb "$dir" | cut -f1)
start=$(date +%s%N)
./target/release/fzlint check --format json "$dir" > /dev/null || true
end=$(date +%s%N)
ms=$(( (end - start) / 1000000 ))
echo "command line:    $count files, $((size / 1000)) kB in ${ms} ms (process start to exit, one thread)"
seed=../shared/seeds/000_eccdde27a96004d6.txt
if [ -f "$seed" ]; then
  best=999999
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N); ./target/release/fzlint check "$seed" > /dev/null || true; e=$(date +%s%N)
    t=$(( (e - s) / 1000 )); [ $t -lt $best ] && best=$t
  done
  echo "one seed:        ${best} µs (best of 5, process start to exit)"
fi
