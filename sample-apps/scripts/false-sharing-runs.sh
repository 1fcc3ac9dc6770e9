#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Runs each false-sharing sample and its fixed twin alternately, 2 threads, and appends one line per run to OUT
# (docs/false-sharing-samples.md). Before each run it waits (up to 60 s) for a second in which the machine
# was at most 25% busy, and it records the CPU seconds other processes used during the run (all busy time minus
# the app's own): false sharing only costs while the threads run side by side, so a run others shared is not
# comparable.
# usage: sample-apps/scripts/false-sharing-runs.sh OUT JAVA DURATION ROUNDS package.Name...
#   e.g. sample-apps/scripts/false-sharing-runs.sh runs.txt java 5s 3 stats.RequestStats shards.ShardCounters
set -u
OUT=$1; JAVA=$2; DUR=$3; ROUNDS=$4; shift 4
J=$(cd "$(dirname "$0")/.." && pwd)/target/sample-apps.jar
HZ=$(getconf CLK_TCK); CPUS=$(nproc)
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
for round in $(seq 1 $ROUNDS); do
  for p in "$@"; do
    for suffix in App FixedApp; do
      waited=0
      while :; do
        b0=$(busy_ticks); sleep 1; b1=$(busy_ticks)
        pct=$(( (b1 - b0) * 100 / (HZ * CPUS) ))
        [ $pct -le 25 ] || [ $waited -ge 60 ] && break
        waited=$((waited+1))
      done
      b0=$(busy_ticks)
      line=$( { /usr/bin/time -f "ourCpu=%U+%S" $JAVA -cp $J contention.samples.${p}${suffix} $DUR 2; } 2>&1 | tr '\n' ' ')
      b1=$(busy_ticks)
      ours=$(echo "$line" | sed -n 's/.*ourCpu=\([0-9.]*\)+\([0-9.]*\).*/\1 \2/p' | awk '{print $1+$2}')
      others=$(awk -v t=$((b1-b0)) -v hz=$HZ -v o="$ours" 'BEGIN{printf "%.1f", t/hz - o}')
      echo "round=$round waited=${waited}s idleBefore=$((100-pct))% othersCpu=${others}s $line" | tee -a $OUT
    done
  done
done
