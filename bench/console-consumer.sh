#!/usr/bin/env bash
# kafka-console-consumer against kcat reading the same 1 M records from the bundled broker in the same run: wall
# times, the ratio, records/s and our peak RSS.
#
# usage: bench/console-consumer.sh     (uses the release build of kafka-server-start and kafka-console-consumer)
# Env: RECORDS (default 1000000), RUNS (default 3), TOOLS_BIN (directory of both binaries), PYTHON.
# Needs kcat (scripts/install-test-peers) and /usr/bin/time. Not part of make test.
#
# One topic `bench`, one partition, filled with RECORDS lines of 100 bytes (99 + newline) by `kcat -P -l`. Each
# run times, one after the other:
#   kcat -C -o beginning -e -q                                        > /dev/null  (stops at the end of the log)
#   kafka-console-consumer --partition 0 --offset earliest --max-messages RECORDS > /dev/null
#   kafka-console-consumer --from-beginning --max-messages RECORDS                 > /dev/null (subscribe; needs a
#       group coordinator, skipped when the broker has none)
# and the best of RUNS is reported (noise on a shared machine only ever adds time). kcat's `-e` includes one
# end-of-log long poll (fetch.wait.max.ms, 500 ms by default), so kcat is also timed with `-c RECORDS`, which stops
# on the last record as our --max-messages does.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
. "$root/Tests/Interop/broker-common.sh"
PY=${PYTHON:-python3}
RECORDS=${RECORDS:-1000000}
RUNS=${RUNS:-3}
bin=${TOOLS_BIN:-$root/.build/release}
for tool in kafka-server-start kafka-console-consumer; do
    [ -x "$bin/$tool" ] || { echo "console-consumer bench: $bin/$tool not built (swift build -c release)" >&2; exit 2; }
done
command -v kcat >/dev/null || { echo "console-consumer bench: kcat missing (scripts/install-test-peers)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "console-consumer bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/console-consumer-bench.XXXXXX")
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
die() { echo "console-consumer bench: $*" >&2; exit 1; }

port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1
"$bin/kafka-server-start" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
B="127.0.0.1:$port"

"$PY" -c "import sys
line = ('x' * 99 + '\n').encode()
sys.stdout.buffer.write(line * $RECORDS)" >"$work/records.txt"
timeout 300 kcat -b "$B" -t bench -p 0 -P -l "$work/records.txt" 2>"$work/kcat.err" || die "filling the topic failed: $(tail -3 "$work/kcat.err")"
latest=$(timeout 60 kcat -b "$B" -Q -t "bench:0:-1" 2>&1 | awk '/offset/{print $NF}')
[ "$latest" = "$RECORDS" ] || die "the topic holds ${latest:-?} records, not $RECORDS"

# time_run NAME COMMAND...: wall seconds and peak RSS (KiB) of one run, appended to $work/NAME.
time_run() {
    local name=$1; shift
    /usr/bin/time -f '%e %M' -o "$work/time.out" timeout 300 "$@" >/dev/null 2>"$work/$name.err" \
        || die "$name failed: $(tail -3 "$work/$name.err")"
    cat "$work/time.out" >>"$work/$name"
}

group_mode=yes
for run in $(seq 1 "$RUNS"); do
    time_run kcat-e kcat -b "$B" -t bench -p 0 -C -o beginning -e -q
    time_run kcat-c kcat -b "$B" -t bench -p 0 -C -o beginning -c "$RECORDS" -q
    time_run ours "$bin/kafka-console-consumer" --bootstrap-server "$B" --topic bench --partition 0 --offset earliest \
        --max-messages "$RECORDS"
    grep -q "Processed a total of $RECORDS messages" "$work/ours.err" || die "ours: $(cat "$work/ours.err")"
    if [ "$group_mode" = yes ]; then
        if ! /usr/bin/time -f '%e %M' -o "$work/time.out" timeout 60 "$bin/kafka-console-consumer" --bootstrap-server "$B" \
            --topic bench --from-beginning --max-messages "$RECORDS" >/dev/null 2>"$work/group.err"; then
            group_mode=no  # no group coordinator in this broker yet
        else
            cat "$work/time.out" >>"$work/ours-group"
        fi
    fi
done

"$PY" - "$RECORDS" "$work" "$bin" <<'REPORT'
import os, sys
records, work, binary = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def best(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return None
    rows = [tuple(float(v) for v in line.split()) for line in open(path) if line.strip()]
    return min(r[0] for r in rows), max(r[1] for r in rows)
kcat_e, kcat_c, ours, group = best("kcat-e"), best("kcat-c"), best("ours"), best("ours-group")
print(f"{records:,} records of 100 B, one partition of the bundled broker; best wall time of the runs; {binary}")
def line(name, result):
    seconds, rss = result
    print(f"{name:<44} {seconds:6.2f} s {records / seconds:>12,.0f} rec/s  peak RSS {rss / 1024:6.1f} MiB")
line("kcat -C -o beginning -e -q", kcat_e)
line("kcat -C -o beginning -c N -q", kcat_c)
line("kafka-console-consumer --partition 0 --offset earliest", ours)
if group:
    line("kafka-console-consumer --from-beginning (group)", group)
print(f"ratio ours/kcat -e: {ours[0] / kcat_e[0]:.2f}x   ours/kcat -c: {ours[0] / kcat_c[0]:.2f}x")
REPORT
