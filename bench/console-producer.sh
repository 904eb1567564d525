#!/usr/bin/env bash
# kafka-console-producer against kcat piping the same file into the same broker in the same run: wall time, the
# ratio, records/s and peak RSS of each, and a check that both topics got every record.
#
# usage: bench/console-producer.sh        (uses .build/release/{kafka-console-producer,kafka-server-start})
# Env: RECORDS (default 1000000), RUNS (default 3; the best run is reported), KCAT (default scripts/kcat-new, the
#      librdkafka 2.16 kcat; /usr/bin/kcat is librdkafka 2.0.2), TOOLS_BIN (directory of the binaries), PYTHON.
# Needs scripts/install-test-peers and /usr/bin/time. Not part of make test.
#
# The input is RECORDS lines of 100 bytes (99 + newline). The broker is our release kafka-server-start with one
# partition per topic, started once; each run writes to fresh topics (`t1-N` for us, `t2-N` for kcat), created by
# a metadata request first so that topic creation is outside the timed part for both. Both tools run with their
# defaults: ours is Apache's console producer (acks=all, linger 1000 ms, batch.size 16384, idempotent); kcat -P is
# librdkafka's (acks=all, linger 5 ms, batch up to 1 MB, idempotence off).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
. "$root/Tests/Interop/broker-common.sh"
PY=${PYTHON:-python3}
RECORDS=${RECORDS:-1000000}
RUNS=${RUNS:-3}
KCAT=${KCAT:-$root/scripts/kcat-new}
bindir=${TOOLS_BIN:-$root/.build/release}
for tool in kafka-console-producer kafka-server-start; do
    [ -x "$bindir/$tool" ] || { echo "console-producer: $bindir/$tool not built (swift build -c release)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "console-producer: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-console-producer.XXXXXX")
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
die() { echo "console-producer: $*" >&2; exit 1; }

"$PY" -c "import sys
sys.stdout.buffer.write(('x' * 99 + '\n').encode() * $RECORDS)" >"$work/records.txt"

port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1
"$bindir/kafka-server-start" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
    "$PY" -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2).close()" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || die "the broker exited during start-up: $(tail -3 "$work/broker.log")"
    sleep 0.05
done
bootstrap="127.0.0.1:$port"

# run NAME TOPIC CMD...: times CMD under /usr/bin/time -v; prints "SECONDS MAX_RSS_KIB".
run() {
    local name=$1 topic=$2
    shift 2
    timeout 60 "$KCAT" -b "$bootstrap" -L -t "$topic" >/dev/null 2>&1 || true
    /usr/bin/time -v -o "$work/time.txt" "$@" <"$work/records.txt" >"$work/$name.out" 2>"$work/$name.err" \
        || die "$name failed: $(tail -3 "$work/$name.err")"
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    # Every record must be there: the latest offset of partition 0 is the count.
    local latest
    latest=$(timeout 60 "$KCAT" -b "$bootstrap" -Q -t "$topic:0:-1" 2>&1 | awk '/offset/ {print $NF}')
    [ "$latest" = "$RECORDS" ] || die "$name: topic $topic holds ${latest:-?} records, expected $RECORDS"
    echo "$wall $rss"
}

ours=(); theirs=()
for i in $(seq 1 "$RUNS"); do
    ours+=("$(run ours "t1-$i" "$bindir/kafka-console-producer" --bootstrap-server "$bootstrap" --topic "t1-$i")")
    theirs+=("$(run kcat "t2-$i" "$KCAT" -P -b "$bootstrap" -t "t2-$i" -l "$work/records.txt")")
done

"$PY" - "$RECORDS" "$KCAT" "${ours[@]}" -- "${theirs[@]}" <<'REPORT'
import sys
records, kcat = int(sys.argv[1]), sys.argv[2]
rest = sys.argv[3:]
split = rest.index("--")
def runs(items):
    return [(float(s), int(r)) for s, r in (item.split() for item in items)]
ours, theirs = runs(rest[:split]), runs(rest[split + 1:])
best_ours, best_theirs = min(ours), min(theirs)
print(f"{records:,} lines of 100 bytes into one partition of our release broker; best of {len(ours)} runs")
def line(name, best, all_runs):
    seconds, _ = best
    peak = max(r for _, r in all_runs) / 1024
    walls = ", ".join(f"{s:.2f}" for s, _ in all_runs)
    print(f"{name:<24} {seconds:6.2f} s  {records / seconds:>10,.0f} records/s  peak RSS {peak:6.1f} MiB  (runs: {walls} s)")
line("kafka-console-producer", best_ours, ours)
line(f"kcat -P ({kcat.rsplit('/', 1)[-1]})", best_theirs, theirs)
print(f"wall-time ratio ours/kcat: {best_ours[0] / best_theirs[0]:.2f}x (goal <= 1.0x)")
REPORT
