#!/usr/bin/env bash
# pgbench side by side: `heliosdb-lite server` and PostgreSQL 15 (Debian's) on
# this machine, both durable (fsync and synchronous commit on), each on its own
# data directory in one work directory, runs interleaved (A B B A) so drift
# hits both. Prints TPS and p99 latency for each and the ratio ours/PostgreSQL
# for: pgbench -i time, select-only (-S) in prepared and simple mode and
# TPC-B-like (READ COMMITTED, as PostgreSQL runs it) at 1, 8 and 32 clients,
# COPY of 1M rows, connection set-up rate (-C), and memory per idle
# connection (PSS with 1,000 idle connections).
#
#   bench/pgbench_compare.sh [--quick] [--dir DIR] [PATH/TO/heliosdb-lite]
#
# --quick: scale 1, 3-second runs, 200 idle connections (a smoke run);
# otherwise scale 10, 15-second runs. DIR (default /tmp) should be on the disk
# to measure. Needs root (PostgreSQL runs as the postgres user).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=0
base=/tmp
bin=$root/build/server/heliosdb-lite
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --dir) base=$2; shift ;;
    *) bin=$1 ;;
  esac
  shift
done
scale=10; duration=15; idle=1000; copy_rows=1000000
if [ $quick = 1 ]; then scale=1; duration=3; idle=200; copy_rows=200000; fi
bench_name=pgbench
max_connections=$((idle + 50))
# shellcheck source=bench/side_by_side.sh
source "$root/bench/side_by_side.sh"
as_postgres "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" bench

declare -A result
# run NAME SYSTEM CMD...: records the last 'tps' and the p99 of its per-transaction log.
run_pgbench() {
  local name=$1 system=$2; shift 2
  local port=$pg_port; [ "$system" = helios ] && port=$h_port
  local logdir="$work/log-$system"; mkdir -p "$logdir"; rm -f "$logdir"/*
  local env=(); [ "$system" = helios ] && env=(PGOPTIONS='-c default_transaction_isolation=read\ committed')
  local out
  out=$(cd "$logdir" && env "${env[@]}" "$pgbin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -l "$@" bench 2>&1)
  local tps; tps=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | tail -1)
  local failed; failed=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
  local p99; p99=$(cat "$logdir"/pgbench_log.* 2>/dev/null | awk '{print $3}' | sort -n |
                   awk '{ a[NR] = $1 } END { if (NR) { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.2f", a[i] / 1000 } }')
  result["$name,$system,tps"]=$(echo "${result["$name,$system,tps"]:-0} ${tps:-0}" | awk '{print $1 + $2}')
  result["$name,$system,p99"]=${p99:-?}
  [ "${failed:-0}" = 0 ] || echo "  ($system $name: $failed failed transactions)" >&2
}

seconds() {
  local s; s=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'
}

echo "pgbench -i -s $scale ..." >&2
result["init,postgres"]=$(seconds "$pgbin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -i -s "$scale" -q bench)
result["init,helios"]=$(seconds "$pgbin/pgbench" -h 127.0.0.1 -p "$h_port" -U postgres -i -s "$scale" -q bench)

half=$(( (duration + 1) / 2 ))
tests=()
for c in 1 8 32; do
  j=$(( c < 2 ? c : 2 ))
  tests+=("select-only prepared c=$c|-S -M prepared -c $c -j $j")
  tests+=("select-only simple c=$c|-S -M simple -c $c -j $j")
  tests+=("TPC-B prepared c=$c|-M prepared -c $c -j $j")
done
tests+=("connect per transaction c=4|-S -C -c 4 -j 2")
for t in "${tests[@]}"; do
  name=${t%%|*}; args=${t#*|}
  echo "$name ..." >&2
  # A B B A: each system runs twice for half the time; the TPS is their mean.
  for system in postgres helios helios postgres; do
    # shellcheck disable=SC2086
    run_pgbench "$name" "$system" -T "$half" $args
  done
  for system in postgres helios; do
    result["$name,$system,tps"]=$(echo "${result["$name,$system,tps"]}" | awk '{printf "%.0f", $1 / 2}')
  done
done

echo "COPY of $copy_rows rows ..." >&2
copy_time() {
  local port=$1
  psql -h 127.0.0.1 -p "$port" -U postgres -d bench -X -q -c "DROP TABLE IF EXISTS copy_t" \
    -c "CREATE TABLE copy_t (id int, name text, amount numeric)"
  seconds bash -c "seq 1 $copy_rows | awk '{print \$1 \"\\tname \" \$1 \"\\t\" \$1 * 1.5}' |
    psql -h 127.0.0.1 -p $port -U postgres -d bench -X -q -c 'COPY copy_t FROM STDIN'"
}
result["copy,postgres"]=$(copy_time "$pg_port")
result["copy,helios"]=$(copy_time "$h_port")

echo "$idle idle connections ..." >&2
# PSS (shared pages split among their users) of a server's processes, before
# and after opening the idle connections: PostgreSQL's postmaster and its
# children, or our one process.
idle_kib() {
  local port=$1 root_pid=$2
  $py - "$port" "$idle" "$root_pid" <<'PY'
import subprocess, sys, time
import psycopg2
port, n, root = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def pss_kib():
    children = subprocess.run(["pgrep", "-P", root], capture_output=True, text=True).stdout.split()
    total = 0
    for pid in [root] + children:
        try:
            for line in open(f"/proc/{pid}/smaps_rollup"):
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total
before = pss_kib()
conns = [psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="bench") for _ in range(n)]
time.sleep(1)
after = pss_kib()
print(f"{(after - before) / n:.0f}")
for c in conns:
    c.close()
PY
}
result["idle,postgres"]=$(idle_kib "$pg_port" "$(head -1 "$work/pg/postmaster.pid")")
result["idle,helios"]=$(idle_kib "$h_port" "$h_pid")

ratio() { echo "$1 $2" | awk '{ if ($1 == 0) print "-"; else printf "%.2f", $2 / $1 }'; }
printf '\n%-36s %14s %14s %8s   %s\n' "" "PostgreSQL 15" "HeliosDB-Lite" "ratio" "(ours/PostgreSQL; p99 ms in brackets)"
for t in "${tests[@]}"; do
  name=${t%%|*}
  printf '%-36s %8s [%5s] %8s [%5s] %8s\n' "$name (TPS)" "${result["$name,postgres,tps"]}" \
    "${result["$name,postgres,p99"]}" "${result["$name,helios,tps"]}" "${result["$name,helios,p99"]}" \
    "$(ratio "${result["$name,postgres,tps"]}" "${result["$name,helios,tps"]}")"
done
printf '%-36s %14.2f %14.2f %8s   (lower is better)\n' "pgbench -i -s $scale (s)" "${result["init,postgres"]}" \
  "${result["init,helios"]}" "$(ratio "${result["init,postgres"]}" "${result["init,helios"]}")"
printf '%-36s %14.2f %14.2f %8s   (lower is better)\n' "COPY $copy_rows rows (s)" "${result["copy,postgres"]}" \
  "${result["copy,helios"]}" "$(ratio "${result["copy,postgres"]}" "${result["copy,helios"]}")"
printf '%-36s %14s %14s %8s   (lower is better)\n' "memory per idle connection (KiB)" "${result["idle,postgres"]}" \
  "${result["idle,helios"]}" "$(ratio "${result["idle,postgres"]}" "${result["idle,helios"]}")"
