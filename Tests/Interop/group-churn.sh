#!/usr/bin/env bash
# Churn: three of our console consumers in one group on a 3-partition topic, one of them killed with -9 and
# restarted every few seconds for CHURN_SECONDS (default 60) while kafka-console-producer writes sequence numbers.
# Checks: every sequence number produced was printed by some consumer (nothing lost; duplicates are allowed, as
# at-least-once delivery has them), and the group's committed offsets, sampled with kafka-consumer-groups while the
# churn goes on, never go backwards.
# usage: Tests/Interop/group-churn.sh   (needs a debug build)
# Env: TOOLS_BIN (directory of the binaries; default: the debug build's), CHURN_SECONDS
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
bin=${TOOLS_BIN:-$(cd "$root" && swift build --show-bin-path)}
seconds=${CHURN_SECONDS:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/group-churn.XXXXXX")
pid=""
producer=""
declare -A member=()
cleanup() {
    for m in "${member[@]}"; do kill -KILL "$m" 2>/dev/null || true; done
    [ -z "$producer" ] || kill -KILL "$producer" 2>/dev/null || true
    if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "group-churn: FAILED: $*" >&2
    [ ! -f "$work/broker.log" ] || { echo "--- broker log (last 10 lines) ---" >&2; tail -10 "$work/broker.log" >&2; }
    exit 1
}

port=$(free_port)
bs="127.0.0.1:$port"
write_server_properties "$work/server.properties" "$port" "$work/logs" \
    "group.initial.rebalance.delay.ms=0" "offsets.topic.num.partitions=3"
"$bin/kafka-server-start" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "Kafka Server started" "$work/broker.log" && break; sleep 0.05; done
"$bin/kafka-topics" --bootstrap-server "$bs" --create --topic churn --partitions 3 --replication-factor 1 >/dev/null ||
    fail "kafka-topics --create"

# start_member N: a console consumer of group churn-group printing values into member-N.<start time>.out.
start_member() {
    "$bin/kafka-console-consumer" --bootstrap-server "$bs" --topic churn --group churn-group --from-beginning \
        --command-property session.timeout.ms=6000 --command-property heartbeat.interval.ms=500 \
        --command-property auto.commit.interval.ms=500 >"$work/member-$1.$SECONDS.$RANDOM.out" 2>/dev/null 3>&- &
    member[$1]=$!
}
for n in 1 2 3; do start_member "$n"; done

# The producer: one sequence number a line, a few hundred a second, for the whole run.
fifo="$work/lines"
mkfifo "$fifo"
"$bin/kafka-console-producer" --bootstrap-server "$bs" --topic churn --timeout 10 <"$fifo" >/dev/null 2>&1 &
producer=$!
exec 3>"$fifo"
sequence=0

# sample_offsets: appends "partition offset" lines of the group's committed offsets.
sample_offsets() {
    "$bin/kafka-consumer-groups" --bootstrap-server "$bs" --describe --group churn-group 2>/dev/null |
        awk '$1 == "churn-group" && $2 == "churn" && $4 != "-" { print $3, $4 }' >>"$work/offsets" || true
    echo "--" >>"$work/offsets"
}

end=$((SECONDS + seconds))
victim=1
while [ "$SECONDS" -lt "$end" ]; do
    for _ in $(seq 1 200); do sequence=$((sequence + 1)); echo "$sequence" >&3; done
    sleep 0.5
    if [ $((SECONDS % 4)) -eq 0 ]; then
        kill -KILL "${member[$victim]}" 2>/dev/null || true
        wait "${member[$victim]}" 2>/dev/null || true
        start_member "$victim"
        victim=$((victim % 3 + 1))
    fi
    sample_offsets
done
exec 3>&-
wait "$producer" || fail "kafka-console-producer exited $?"
producer=""

# Let the survivors catch up, then stop them cleanly (they commit and leave).
for _ in $(seq 1 300); do
    [ "$(cat "$work"/member-*.out | sort -un | wc -l)" -ge "$sequence" ] && break
    sleep 0.2
done
for m in "${member[@]}"; do kill -TERM "$m" 2>/dev/null || true; done
for m in "${member[@]}"; do wait "$m" 2>/dev/null || true; done
member=()
sample_offsets

got=$(cat "$work"/member-*.out | sort -un | wc -l)
[ "$got" = "$sequence" ] || fail "$sequence sequence numbers produced, $got distinct ones printed"
missing=$(comm -23 <(seq 1 "$sequence" | sort) <(cat "$work"/member-*.out | sort -u) | head -5)
[ -z "$missing" ] || fail "lost: $missing"
# Committed offsets per partition must never decrease from one sample to the next.
awk '$1 == "--" { next } { if (($1 in last) && $2 + 0 < last[$1] + 0) { print "partition " $1 ": " last[$1] " then " $2; bad = 1 } last[$1] = $2 } END { exit bad }' \
    "$work/offsets" || fail "a committed offset went backwards"
duplicates=$(($(cat "$work"/member-*.out | wc -l) - sequence))
rebalances=$(grep -c "Preparing to rebalance group churn-group" "$work/broker.log" || true)
echo "group-churn: $sequence records, none lost ($duplicates re-read after kills), committed offsets never went back, $rebalances rebalances in ${seconds} s"
