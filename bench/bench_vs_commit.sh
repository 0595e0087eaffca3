#!/bin/bash
# mlm now against mlm at an earlier commit, on bench_vs_r.py's files (data and do-files written
# by `bench_vs_r.py --write-only --dir DIR`).  Both trees run in this one call, in turn.
#
#   git worktree add --detach /tmp/old <commit>
#   bench/bench_vs_commit.sh /tmp/old /tmp/mlm_vs_r lmm_ri:10000 ologit2_mvagh7:10000 ...
#
# Per case: (1) farm-bench, whole `mlm -q file.do` processes, new (A) and old (B) alternating,
# N runs each (default 5), CPU medians and the A/B ratio pair by pair; (2) the fit alone in
# one process (bench_vs_r.py --fit-in-process: first fit and median of 3 warm fits, CPU), new
# then old, K rounds (default 2).  Run from /tmp so `python3 -m` does not pick up the cwd.
set -u
NEW=$(cd "$(dirname "$0")/.." && pwd); OLD=$1; DIR=$2; shift 2
cd /tmp
for spec in "$@"; do
  c=${spec%:*}; rows=${spec#*:}; do=$DIR/${c}_${rows}.do
  echo "=== $c $rows $(date -u +%H:%M) load $(cut -d' ' -f1-3 /proc/loadavg)"
  farm-bench -n "${N:-5}" --warmup 1 --timeout "${TO:-600}" \
    --vs "env PYTHONPATH=$OLD python3 -m mlmcli -q $do" -- env PYTHONPATH="$NEW" python3 -m mlmcli -q "$do"
  cmd=$(sed -n 4p "$do"); dta=$(sed -n '1s/^use \(.*\), clear$/\1/p' "$do")
  for k in $(seq "${K:-2}"); do
    for w in "new:$NEW" "old:$OLD"; do
      echo "$c $rows ${w%%:*} in process: $(PYTHONPATH=${w#*:} python3 "$NEW/bench/bench_vs_r.py" --repeat 3 --fit-in-process "$dta" "$cmd")"
    done
  done
done
