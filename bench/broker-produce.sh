#!/usr/bin/env bash
# kcat's produce throughput into our kafka-server-start and into Tansu in the same run, each broker's CPU seconds
# per 1 M records, our peak RSS, and the time from process start to our first Metadata answer.
#
# usage: bench/broker-produce.sh            (uses .build/release/kafka-server-start, else the debug build)
# Env: KAFKA_SERVER_START (another binary), RECORDS (default 1000000), RUNS (default 3), PYTHON.
# Needs scripts/install-test-peers (kcat, librdkafka 2.16 via scripts/kcat-new, Tansu). Not part of make test.
#
# Each run sends the same file of RECORDS lines of 100 bytes (99 + newline) with `kcat -P -l` (librdkafka
# defaults: acks=all, linger 5 ms, no compression) to partition 0 of topic `bench`; the best of RUNS is reported,
# since noise on a shared machine only ever adds time. CPU is utime+stime of the broker process from
# /proc/PID/stat, before/after each run, averaged over the runs. Our broker persists to a log dir on disk (page
# cache, default flush policy); Tansu runs with its memory storage (scripts/tansu), which is the more generous
# setting for Tansu.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
. "$root/Tests/Interop/broker-common.sh"
PY=${PYTHON:-python3}
RECORDS=${RECORDS:-1000000}
RUNS=${RUNS:-3}
KCAT="$root/scripts/kcat-new"
if [ -n "${KAFKA_SERVER_START:-}" ]; then
    bin=$KAFKA_SERVER_START
elif [ -x "$root/.build/release/kafka-server-start" ]; then
    bin="$root/.build/release/kafka-server-start"
else
    bin="$root/.build/debug/kafka-server-start"
fi
[ -x "$bin" ] || { echo "broker-produce: $bin not built (swift build -c release --product kafka-server-start)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/broker-produce.XXXXXX")
pid=""; tansu_port=""
stop_pid() {
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
        kill -KILL "$1" 2>/dev/null || true
    fi
}
cleanup() {
    stop_pid "$pid"
    [ -n "$tansu_port" ] && "$root/scripts/tansu" stop "$tansu_port" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
die() { echo "broker-produce: $*" >&2; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# --- time to the first Metadata answer (fresh log dir each time; best and median of 5) -----------------------------
startups=()
for i in 1 2 3 4 5; do
    port=$(free_port)
    write_server_properties "$work/startup.properties" "$port" "$work/startup-$i" num.partitions=1
    "$PY" "$root/Tests/Interop/first_metadata.py" "$port" "$work/startup.pid" -- "$bin" "$work/startup.properties" \
        >"$work/startup.out" 2>"$work/startup.log" &
    probe=$!
    for _ in $(seq 1 200); do grep -q first-metadata-ms "$work/startup.out" && break; sleep 0.05; done
    ms=$(awk '/first-metadata-ms/{print $2}' "$work/startup.out")
    stop_pid "$(cat "$work/startup.pid")"
    wait "$probe" || true
    [ -n "$ms" ] || die "no Metadata answer at start-up: $(tail -5 "$work/startup.log")"
    startups+=("$ms")
done
startup=$(printf '%s\n' "${startups[@]}" | sort -n | awk '{a[NR]=$1} END {printf "best %.1f ms, median %.1f ms", a[1], a[int((NR+1)/2)]}')

# --- produce -----------------------------------------------------------------------------------------------------
"$PY" -c "import sys
line = ('x' * 99 + '\n').encode()
sys.stdout.buffer.write(line * $RECORDS)" >"$work/records.txt"

port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1
"$bin" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
tansu_port=$(free_port)
"$root/scripts/tansu" start "$tansu_port" >/dev/null 2>&1 || die "Tansu did not start (scripts/install-test-peers?)"
tansu_pid=$(cat "${TMPDIR:-/tmp}/tansu-$tansu_port.pid")

# Prints "SECONDS CPU_SECONDS" of the best run into PORT, broker PID, NAME.
measure() {
    local port=$1 broker=$2 name=$3 best="" cpu_total=0 t0 t1 c0 c1
    # Metadata first, so topic auto-creation is not in the timed part.
    timeout 60 "$KCAT" -b "127.0.0.1:$port" -L -t bench >/dev/null 2>&1 || true
    for _ in $(seq 1 "$RUNS"); do
        c0=$(cpu_ticks "$broker"); t0=$(date +%s.%N)
        timeout 300 "$KCAT" -b "127.0.0.1:$port" -t bench -p 0 -P -l "$work/records.txt" 2>"$work/kcat.err" \
            || die "kcat into $name failed: $(tail -3 "$work/kcat.err")"
        t1=$(date +%s.%N); c1=$(cpu_ticks "$broker")
        best=$("$PY" -c "b='$best'; t=$t1-$t0; print(t if not b else min(float(b), t))")
        cpu_total=$((cpu_total + c1 - c0))
    done
    # Every acknowledged record should be there; a shortfall is reported next to the figures, since it would
    # flatter the broker that drops data.
    local latest
    latest=$(timeout 60 "$KCAT" -b "127.0.0.1:$port" -Q -t "bench:0:-1" 2>&1 | awk '/offset/{print $NF}')
    [ "$latest" = $((RUNS * RECORDS)) ] \
        || echo "WARNING: $name's latest offset is ${latest:-?} after $((RUNS * RECORDS)) acknowledged records" >>"$work/warnings"
    "$PY" -c "print($best, $cpu_total / $hz / $RUNS)"
}

ours=$(measure "$port" "$pid" kafka-server-start)
rss_kib=$(awk '/^VmHWM/{print $2}' "/proc/$pid/status")
tansu=$(measure "$tansu_port" "$tansu_pid" Tansu)
read -r ours_s ours_cpu <<<"$ours"
read -r tansu_s tansu_cpu <<<"$tansu"

"$PY" - "$RECORDS" "$ours_s" "$ours_cpu" "$tansu_s" "$tansu_cpu" "$rss_kib" "$startup" "$bin" <<'REPORT'
import sys
records, ours_s, ours_cpu, tansu_s, tansu_cpu, rss_kib = (float(v) for v in sys.argv[1:7])
startup, binary = sys.argv[7], sys.argv[8]
per_million = 1e6 / records
mb = records * 100 / 1e6
def line(name, s, cpu):
    return (f"{name:<18} {records / s:>12,.0f} rec/s  {mb / s:>7.1f} MB/s  "
            f"{cpu * per_million:>6.2f} CPU-s per 1 M records")
print(f"kcat -P -l, {records:,.0f} x 100 B, best of runs; broker {binary}")
print(line("kafka-server-start", ours_s, ours_cpu))
print(line("Tansu", tansu_s, tansu_cpu))
print(f"ratios ours/Tansu: throughput {tansu_s / ours_s:.2f}x, CPU per record {ours_cpu / tansu_cpu:.2f}x")
print(f"kafka-server-start peak RSS (VmHWM): {rss_kib / 1024:.1f} MiB")
print(f"kafka-server-start start to first Metadata answer: {startup}")
REPORT
cat "$work/warnings" 2>/dev/null || true
