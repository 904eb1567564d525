#!/usr/bin/env bash
# Time for a group of 3 kafka-console-consumers to stabilise on the release-built bundled broker, in two scenarios,
# RUNS times each (fresh group id every run), reporting min and median:
#
#   join: two members are Stable (they own the 3 partitions of `stab` between them); a third starts. Measured from
#         the third process's start, and from its first JoinGroup reaching the coordinator (the broker's `Dynamic
#         member with unknown member id joins group … in Stable state` line), to the broker's `Stabilized group …
#         with 3 members` line, to the leader's SyncGroup (`Assignment received from leader`: every member gets its
#         partitions in that answer), and to `kafka-consumer-groups --describe --members` (polled every POLL_MS)
#         showing 3 members with one partition each. The initial delay does not apply (the group is not
#         Empty); the two old members learn of the rebalance from their next heartbeat, so this is bounded by
#         heartbeat.interval.ms (HEARTBEAT_MS, Kafka's default 3000).
#   empty: three members start together into an Empty group. Measured from the third start, and from the first
#         JoinGroup (`Preparing to rebalance … with old generation 0`), to `Stabilized`. Kafka's InitialDelayedJoin
#         waits group.initial.rebalance.delay.ms (DELAY_MS) after the first join and, when more members came
#         meanwhile, once more (up to the rebalance timeout), so this is 2 × DELAY_MS plus the overhead reported.
#
# usage: bench/group-stabilise.sh      (release builds of kafka-server-start, kafka-console-consumer and
#                                       kafka-consumer-groups: swift build -c release --product …)
# Env: RUNS (default 5), DELAY_MS (group.initial.rebalance.delay.ms, default 3000), HEARTBEAT_MS (the members'
#      heartbeat.interval.ms, default 3000), POLL_MS (default 50), TOOLS_BIN (default .build/release), PYTHON.
# Not part of make test.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
. "$root/Tests/Interop/broker-common.sh"
PY=${PYTHON:-python3}
RUNS=${RUNS:-5}
DELAY_MS=${DELAY_MS:-3000}
HEARTBEAT_MS=${HEARTBEAT_MS:-3000}
POLL_MS=${POLL_MS:-50}
bin=${TOOLS_BIN:-$root/.build/release}
for tool in kafka-server-start kafka-console-consumer kafka-consumer-groups kafka-topics; do
    [ -x "$bin/$tool" ] || { echo "group-stabilise bench: $bin/$tool not built (swift build -c release)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/group-stabilise-bench.XXXXXX")
pid=""
members=()
stop_members() {
    local member
    for member in "${members[@]}"; do kill -TERM "$member" 2>/dev/null || true; done
    for member in "${members[@]}"; do wait "$member" 2>/dev/null || true; done
    members=()
}
cleanup() {
    stop_members
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
die() {
    echo "group-stabilise bench: $*" >&2
    grep -E 'GroupCoordinator' "$work/broker.log" | tail -8 >&2 || true
    tail -3 "$work/members.err" >&2 2>/dev/null || true
    exit 1
}
now_ms() { date +%s%3N; }

port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1 \
    "group.initial.rebalance.delay.ms=$DELAY_MS"
"$bin/kafka-server-start" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
B="127.0.0.1:$port"
"$bin/kafka-topics" --bootstrap-server "$B" --create --topic stab --partitions 3 >/dev/null || die "create stab"

# start_member GROUP: one console consumer of GROUP in the background.
start_member() {
    "$bin/kafka-console-consumer" --bootstrap-server "$B" --topic stab --group "$1" \
        --command-property "heartbeat.interval.ms=$HEARTBEAT_MS" >/dev/null 2>>"$work/members.err" &
    members+=($!)
}

# log_ms PATTERN: the epoch ms of the first broker log line matching PATTERN (waits up to 30 s).
log_ms() {
    local line=""
    for _ in $(seq 1 600); do
        line=$(grep -m1 -E "$1" "$work/broker.log" || true)
        [ -n "$line" ] && break
        sleep 0.05
    done
    [ -n "$line" ] || die "no broker log line matches: $1"
    "$PY" -c 'import sys, time, datetime
stamp = datetime.datetime.strptime(sys.argv[1][1:24], "%Y-%m-%d %H:%M:%S,%f")
print(int(time.mktime(stamp.timetuple()) * 1000 + stamp.microsecond // 1000))' "$line"
}

# owned_ms GROUP COUNT: epoch ms when --describe --members first shows COUNT members, each owning a partition.
owned_ms() {
    for _ in $(seq 1 1000); do
        if "$bin/kafka-consumer-groups" --bootstrap-server "$B" --describe --group "$1" --members 2>/dev/null \
            | awk -v want="$2" 'NR > 2 && NF >= 5 { rows++; if ($NF < 1) bad = 1 } END { exit !(rows == want && !bad) }'; then
            now_ms
            return
        fi
        sleep "$(awk -v ms="$POLL_MS" 'BEGIN { print ms / 1000 }')"
    done
    die "group $1 never had $2 members owning a partition each"
}

for run in $(seq 1 "$RUNS"); do
    # join: two Stable members, then a third.
    group="join-$run"
    start_member "$group"
    start_member "$group"
    log_ms "Stabilized group $group generation [0-9]+ .* with 2 members" >/dev/null
    owned_ms "$group" 2 >/dev/null   # both consume; then let the first heartbeats go by
    sleep 0.5
    started=$(now_ms)
    start_member "$group"
    joined=$(log_ms "joins group $group in Stable state")
    stable=$(log_ms "Stabilized group $group generation [0-9]+ .* with 3 members")
    synced=$(log_ms "Assignment received from leader .* for group $group for generation [0-9]+\. The group has 3 members")
    owned=$(owned_ms "$group" 3)
    echo "$((stable - started)) $((stable - joined)) $((synced - started)) $((owned - started))" >>"$work/join"
    stop_members

    # empty: three at once into an Empty group.
    group="empty-$run"
    start_member "$group"
    start_member "$group"
    started=$(now_ms)
    start_member "$group"
    stable=$(log_ms "Stabilized group $group generation [0-9]+ .* with 3 members")
    first=$(log_ms "Preparing to rebalance group $group in state PreparingRebalance with old generation 0")
    echo "$((stable - started)) $((stable - first))" >>"$work/empty"
    stop_members
done

"$PY" - "$work" "$RUNS" "$DELAY_MS" "$HEARTBEAT_MS" "$POLL_MS" <<'REPORT'
import os, statistics, sys
work, runs, delay, heartbeat, poll = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
def columns(name):
    rows = [[int(v) for v in line.split()] for line in open(os.path.join(work, name)) if line.strip()]
    return list(zip(*rows))
def line(label, values):
    print(f"{label:<58} min {min(values):5d} ms   median {statistics.median(values):7.1f} ms   all {list(values)}")
print(f"{runs} runs; group.initial.rebalance.delay.ms={delay}, members' heartbeat.interval.ms={heartbeat}")
start_stable, join_stable, start_synced, start_owned = columns("join")
line("join into Stable: 3rd start -> Stabilized", start_stable)
line("join into Stable: 3rd JoinGroup -> Stabilized", join_stable)
line("join into Stable: 3rd start -> leader's SyncGroup (assigned)", start_synced)
line(f"join into Stable: 3rd start -> describe shows all 3 own one (poll {poll} ms)", start_owned)
empty, first_stable = columns("empty")
line("3 at once into Empty: 3rd start -> Stabilized", empty)
line("3 at once into Empty: 1st JoinGroup -> Stabilized", first_stable)
print(f"  beyond the two initial-delay windows (2 x {delay} ms): min {min(first_stable) - 2 * delay} ms, "
      f"median {statistics.median(first_stable) - 2 * delay:.1f} ms")
REPORT
