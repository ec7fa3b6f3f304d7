#!/usr/bin/env bash
# Writes what a build of fzlint prints for every report the repo holds and for the
# benchmark corpus, so that two builds can be compared byte for byte:
#   scripts/same-output.sh OUT_DIR [FZLINT_BINARY]
#   scripts/same-output.sh /tmp/before old/target/release/fzlint
#   scripts/same-output.sh /tmp/after && diff -r /tmp/before /tmp/after && echo same
# For each report under tests/fixtures, examples and the seed corpus: `check --format
# json`, the human output and `outline --format json`. For the benchmark corpus
# (target/fzlint-bench/corpus-*, written by `cargo bench --bench throughput`, or the
# folder in FZLINT_BENCH_CORPUS): `check --format json` and the concise output.
# Then, over all those reports at once: every other format of `check`, the batch
# overview (HTML and CSV, its clock fixed by SOURCE_DATE_EPOCH), the rule lists, each
# rule's explanation, the rules' examples, the effective settings and the schemas; and
# for each Word file its fonts (`outline --fonts`).
# FZLINT_PACK=fazhi reads every report with that pack (--pack), to compare one pack's
# output with a build from before fzlint chose the pack by the report's title.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/same-output.sh OUT_DIR [FZLINT_BINARY]}
bin=${2:-target/release/fzlint}
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
pack=()
[ -n "${FZLINT_PACK:-}" ] && pack=(--pack "$FZLINT_PACK")
mkdir -p "$out"
seeds=${FZLINT_CORPUS:-../shared/seeds}
n=0
while IFS= read -r f; do
  key=$(printf '%s' "$f" | tr '/' '_')
  "$bin" check "${pack[@]}" --isolated --format json "$f" > "$out/$key.json" 2>&1
  echo "exit $?" >> "$out/$key.json"
  "$bin" check "${pack[@]}" --isolated --color never "$f" > "$out/$key.human" 2>&1
  echo "exit $?" >> "$out/$key.human"
  "$bin" outline "${pack[@]}" --format json "$f" > "$out/$key.outline" 2>&1
  case $f in *.docx) "$bin" outline "${pack[@]}" --fonts "$f" > "$out/$key.fonts" 2>&1 ;; esac
  n=$((n + 1))
done < <({ find tests/fixtures examples -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.docx' \);
           [ -d "$seeds" ] && find "$seeds" -type f -name '*.txt'; } | sort)
all=(tests/fixtures examples)
[ -d "$seeds" ] && all+=("$seeds")
for fmt in concise github gitlab sarif junit; do
  "$bin" check "${pack[@]}" --isolated --format "$fmt" "${all[@]}" > "$out/all.$fmt" 2>&1
  echo "exit $?" >> "$out/all.$fmt"
done
for fmt in html csv; do
  SOURCE_DATE_EPOCH=0 "$bin" report "${pack[@]}" --isolated --format "$fmt" "${all[@]}" > "$out/report.$fmt" 2>&1
  echo "exit $?" >> "$out/report.$fmt"
done
for p in fazhi xxgk; do
  "$bin" rules --pack "$p" > "$out/rules-$p" 2>&1
  "$bin" rules --pack "$p" --format json > "$out/rules-$p.json" 2>&1
  for id in $("$bin" rules --pack "$p" --format json | grep -o '"id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'); do
    "$bin" rule --pack "$p" "$id" > "$out/rule-$p-$id" 2>&1
  done
done
"$bin" test-rules > "$out/test-rules" 2>&1
echo "exit $?" >> "$out/test-rules"
for f in examples tests/fixtures; do
  "$bin" config --format json "$f" > "$out/config-$(printf '%s' "$f" | tr '/' '_').json" 2>&1
done
for s in config rule pack; do "$bin" schema "$s" > "$out/schema-$s.json" 2>&1; done
bench=${FZLINT_BENCH_CORPUS:-$(ls -d target/fzlint-bench/corpus-* 2>/dev/null | sort -t- -k3 -n | tail -n 1)}
if [ -n "$bench" ] && [ -d "$bench" ]; then
  "$bin" check "${pack[@]}" --isolated --format json --max-file-size 256 -j 2 "$bench" > "$out/bench.json" 2>&1
  echo "exit $?" >> "$out/bench.json"
  "$bin" check "${pack[@]}" --isolated --format concise --max-file-size 256 -j 2 "$bench" > "$out/bench.concise" 2>&1
  echo "exit $?" >> "$out/bench.concise"
  echo "$n reports and the corpus $bench written to $out"
else
  echo "$n reports written to $out (no benchmark corpus: run cargo bench --bench throughput)"
fi
