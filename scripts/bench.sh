#!/usr/bin/env bash
# Prints fzlint's speed figures (see benches/throughput.rs for what each one is):
# the in-process pipeline, and the command line on a generated corpus at three sizes,
# one and two threads, peak memory, and the time to merely read the same files.
# Then the time to lint one report, process start to exit. docs/performance.md keeps
# the figures and how to read them.
#   FZLINT_BENCH_FILES=10000 (the largest corpus)  FZLINT_BENCH_RUNS=3 (best of)
#   FZLINT_CORPUS (the seed corpus, for the one report; default ../shared/seeds)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | xargs || echo unknown), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
cargo build --release --quiet
cargo bench --quiet --bench throughput
# Where one thread's time goes, stage by stage and check kind by check kind (on the 4x
# corpus the throughput bench wrote).
cargo bench --quiet --bench stages

report=examples/sample-report.txt
seed=${FZLINT_CORPUS:-../shared/seeds}/000_eccdde27a96004d6.txt
[ -f "$seed" ] && report=$seed
best=999999999
for _ in $(seq 1 20); do
  s=$(date +%s%N); ./target/release/fzlint check --isolated "$report" > /dev/null || true; e=$(date +%s%N)
  t=$(( (e - s) / 1000 )); [ $t -lt $best ] && best=$t
done
echo "one report ($report): ${best} µs, process start to exit (best of 20)"
