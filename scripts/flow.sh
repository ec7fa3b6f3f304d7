#!/usr/bin/env bash
# Checks the two rules of the layout (docs/design.md) on the code under src/ that is
# not a test (files named tests.rs, folders named tests, src/testing.rs, and what
# follows `#[cfg(test)] mod NAME {`):
#   1. nothing imports from a later stage of the flow;
#   2. no import circle between modules (a folder's mod.rs may use its own children,
#      and that edge is not counted: it is how a folder presents what it holds).
# It reads every `crate::`, `super::` and `self::` path, finds the module each names,
# prints the imports that go against the flow, and hands the module graph to tsort,
# which names any loop. Exit 0 when both hold.
#   scripts/flow.sh          the check
#   scripts/flow.sh --edges  the module graph, one "from to" pair a line
set -uo pipefail
cd "$(dirname "$0")/../src" || exit 2
# The stages in order; modules on one line of the flow share a stage.
stages="text input pack parse classify analyse diagnostic,suppress rules render,config,fix,baseline resolve cli"
files=$(find . -name '*.rs' ! -name tests.rs ! -path '*/tests/*' ! -name testing.rs | sed 's#^\./##' | sort)
edges=$(awk -v stages="$stages" '
function module(f,   m) {
  m = f; sub(/\.rs$/, "", m); sub(/(^|\/)(mod|lib|main)$/, "", m); gsub(/\//, "::", m); return m
}
# The module a path names: the longest known module its segments start with.
function target(path,   n, segs, base, i, m, best) {
  n = split(path, segs, "::"); i = 2; base = cur
  if (segs[1] == "crate") base = ""
  else if (segs[1] == "super") for (i = 1; i <= n && segs[i] == "super"; i++) sub(/(^|::)[a-z_0-9]+$/, "", base)
  best = base; m = base
  for (; i <= n; i++) {
    m = (m == "" ? segs[i] : m "::" segs[i])
    if (m in known) best = m; else break
  }
  return best
}
function stage(m,   top) { top = m; sub(/::.*/, "", top); return (top in rank) ? rank[top] : 0 }
function edge(path,   t) {
  t = target(path)
  if (t == cur || t == "" || cur == "" || index(t, cur "::") == 1) return
  if (stage(t) > stage(cur) && stage(cur) > 0) printf "LATER src/%s:%d: %s uses %s\n", FILENAME, FNR, cur, t
  print "EDGE " cur " " t
}
# Paths in a statement, with one level of braces opened: a::{b, c::d} is a::b and a::c::d.
function paths(s,   pre, body, parts, n, i, p) {
  while (match(s, /(crate|super|self)(::[A-Za-z_0-9]+)*::\{[^{}]*\}/)) {
    p = substr(s, RSTART, RLENGTH); pre = p; sub(/::\{.*/, "", pre)
    body = p; sub(/^[^{]*\{/, "", body); sub(/\}$/, "", body)
    n = split(body, parts, ",")
    for (i = 1; i <= n; i++) { gsub(/[ \t]/, "", parts[i]); if (parts[i] != "") edge(pre "::" parts[i]) }
    s = substr(s, 1, RSTART - 1) substr(s, RSTART + RLENGTH)
  }
  while (match(s, /(crate|super|self)(::[A-Za-z_0-9]+)+/)) { edge(substr(s, RSTART, RLENGTH)); s = substr(s, RSTART + RLENGTH) }
}
BEGIN {
  n = split(stages, st, " ")
  for (i = 1; i <= n; i++) { k = split(st[i], mods, ","); for (j = 1; j <= k; j++) rank[mods[j]] = i }
  while ((getline f < "/dev/stdin") > 0) known[module(f)] = 1
}
FNR == 1 {
  cur = module(FILENAME); test = 0; stmt = ""
  top = cur; sub(/::.*/, "", top)
  if (cur != "" && !(top in rank) && !(top in unstaged)) { unstaged[top] = 1; print "UNSTAGED " top }
}
test { next }
/^#\[cfg\(test\)\]/ { pending = 1; next }
pending && /^mod [a-z_0-9]+ \{/ { test = 1; next }
{ pending = 0; line = $0; sub(/\/\/.*/, "", line) }
stmt != "" || line ~ /^[ \t]*(pub(\([a-z]+\))? )?use / {
  stmt = stmt " " line
  if (line ~ /;/) { paths(stmt); stmt = "" }
  next
}
{ paths(line) }
' $files <<< "$files")
if [ "${1:-}" = --edges ]; then
  grep '^EDGE ' <<< "$edges" | cut -d' ' -f2- | sort -u
  exit 0
fi
status=0
if grep '^UNSTAGED ' <<< "$edges" | cut -d' ' -f2-; then
  echo "modules with no stage: give each its place in the stages at the top of scripts/flow.sh" >&2
  status=1
fi
if grep '^LATER ' <<< "$edges" | cut -d' ' -f2-; then
  echo "imports from a later stage (order: $stages)" >&2
  status=1
fi
if ! grep '^EDGE ' <<< "$edges" | cut -d' ' -f2- | sort -u | tsort > /dev/null; then
  echo "an import circle (tsort names the modules of a loop above)" >&2
  status=1
fi
[ $status -eq 0 ] && echo "flow: no import from a later stage, no import circle"
exit $status
