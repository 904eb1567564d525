#!/usr/bin/env bash
# The seed course's lab, verbatim, with our tools against a freshly started bundled broker:
#   kafka-topics --create --topic multipart-topic --partitions 3 --replication-factor 1
#   three `kafka-console-consumer --group group_01 --topic multipart-topic --property print.key=true
#     --property print.value=true --property print.partition=true` processes
#   `kafka-console-producer --property key.separator=: --property parse.key=true < keyload.log` (2,000 lines)
# Checks: every record printed exactly once across the three consumers, each consumer on its own partitions, each
# key on its Java murmur2 partition; `kafka-consumer-groups --describe --group group_01` shows three rows with LAG 0
# once the consumers stopped (committing on close); the broker logged the rebalance; `kafka-dump-log
# --deep-iteration --print-data-log` on multipart-topic-0's segment shows exactly partition 0's records; and
# `--offsets-decoder` on the group's `__consumer_offsets` segment shows its commits.
# usage: Tests/Interop/seed-lab.sh   (needs a debug build; kafka-python for the expected partitions)
# Env: TOOLS_BIN (directory of the binaries; default: the debug build's), PYTHON (python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
bin=${TOOLS_BIN:-$(cd "$root" && swift build --show-bin-path)}
PY=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/seed-lab.XXXXXX")
pid=""
consumers=()
cleanup() {
    for c in "${consumers[@]}"; do kill -KILL "$c" 2>/dev/null || true; done
    if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "seed-lab: FAILED: $*" >&2
    [ ! -f "$work/broker.log" ] || { echo "--- broker log (last 15 lines) ---" >&2; tail -15 "$work/broker.log" >&2; }
    exit 1
}

port=$(free_port)
bs="localhost:$port"
write_server_properties "$work/server.properties" "$port" "$work/logs" \
    "group.initial.rebalance.delay.ms=500" "offsets.topic.num.partitions=5"
"$bin/kafka-server-start" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "Kafka Server started" "$work/broker.log" && break; sleep 0.05; done
grep -q "Kafka Server started" "$work/broker.log" || fail "the broker did not start"

"$bin/kafka-topics" --create --bootstrap-server "$bs" --replication-factor 1 --partitions 3 --topic multipart-topic \
    >"$work/create.out" || fail "kafka-topics --create"
grep -qx "Created topic multipart-topic." "$work/create.out" || fail "create said: $(cat "$work/create.out")"

for n in 1 2 3; do
    "$bin/kafka-console-consumer" --bootstrap-server "$bs" --group group_01 --topic multipart-topic \
        --property print.key=true --property print.value=true --property print.partition=true \
        >"$work/consumer$n.out" 2>"$work/consumer$n.err" &
    consumers+=($!)
done
# The group is stable once all three own partitions (the broker logs it).
for _ in $(seq 1 200); do grep -q "Stabilized group group_01 .* with 3 members" "$work/broker.log" && break; sleep 0.1; done
grep -q "Stabilized group group_01 .* with 3 members" "$work/broker.log" || fail "group_01 never had 3 members"

for i in $(seq 1 2000); do echo "key-$((i % 37)):value-$i"; done >"$work/keyload.log"
"$bin/kafka-console-producer" --bootstrap-server "$bs" --topic multipart-topic --property key.separator=: \
    --property parse.key=true <"$work/keyload.log" >"$work/producer.out" || fail "kafka-console-producer exited $?"

# Wait until the three consumers printed 2,000 lines between them, then stop them as Ctrl-C would.
for _ in $(seq 1 300); do
    [ "$(cat "$work"/consumer?.out | grep -c '^Partition:')" -ge 2000 ] && break
    sleep 0.1
done
for c in "${consumers[@]}"; do kill -TERM "$c" 2>/dev/null || true; done
for c in "${consumers[@]}"; do wait "$c" || fail "a console consumer exited $? on SIGTERM"; done
consumers=()

# Apache 4.2 prints the KIP-1147 deprecation notes on stdout too; the records are the Partition: lines.
grep -h '^Partition:' "$work"/consumer?.out >"$work/all.out"
[ "$(wc -l <"$work/all.out")" = 2000 ] || fail "the consumers printed $(wc -l <"$work/all.out") lines, not 2000"
# Lines are `Partition:N<TAB>key<TAB>value`; every value once.
[ "$(cut -f3 "$work/all.out" | sort -u | wc -l)" = 2000 ] || fail "some records were printed twice or not at all"
for n in 1 2 3; do
    grep -q "Processed a total of" "$work/consumer$n.err" || fail "consumer $n did not print its total"
    for m in 1 2 3; do
        [ "$n" -lt "$m" ] || continue
        common=$(comm -12 <(grep '^Partition:' "$work/consumer$n.out" | cut -f1 | sort -u) \
            <(grep '^Partition:' "$work/consumer$m.out" | cut -f1 | sort -u))
        [ -z "$common" ] || fail "consumers $n and $m both read $common"
    done
done
"$PY" - "$work/all.out" <<'PY' || fail "a key is not on its Java murmur2 partition"
import sys
from kafka.partitioner.default import murmur2
for line in open(sys.argv[1]):
    partition, key, value = line.rstrip("\n").split("\t")
    expected = (murmur2(key.encode()) & 0x7fffffff) % 3
    if int(partition.split(":")[1]) != expected:
        sys.exit(f"{key} read from {partition}, expected Partition:{expected}")
PY

"$bin/kafka-consumer-groups" --bootstrap-server "$bs" --describe --group group_01 >"$work/describe.out" \
    2>"$work/describe.err" || fail "kafka-consumer-groups --describe exited $?"
rows=$(grep -E '^group_01 +multipart-topic +[0-2] ' "$work/describe.out" | awk '{print $6}' | sort | uniq -c | awk '{print $1 " " $2}')
[ "$rows" = "3 0" ] || fail "describe should show 3 partitions with LAG 0:"$'\n'"$(cat "$work/describe.out")"
grep -q "Preparing to rebalance group group_01" "$work/broker.log" || fail "no rebalance line in the broker log"

# kafka-dump-log on partition 0's segment: exactly the records the consumers read from partition 0, in order.
"$bin/kafka-dump-log" --deep-iteration --files "$work/logs/multipart-topic-0/00000000000000000000.log" \
    --print-data-log >"$work/dump.out" || fail "kafka-dump-log exited $?"
diff <(grep -E '^\| offset: ' "$work/dump.out" | sed -E 's/.* key: ([^ ]+) payload: (.*)$/\1\t\2/') \
    <(grep -P '^Partition:0\t' "$work/all.out" | cut -f2,3) >/dev/null ||
    fail "the dump of multipart-topic-0 differs from what the consumers read from partition 0"

# --offsets-decoder on the group's __consumer_offsets partition: its commits of multipart-topic.
commits=$(for f in "$work"/logs/__consumer_offsets-*/00000000000000000000.log; do
    "$bin/kafka-dump-log" --offsets-decoder --files "$f"
done | grep -c '"group":"group_01","topic":"multipart-topic"' || true)
[ "$commits" -ge 3 ] || fail "--offsets-decoder showed $commits commits of group_01"

echo "seed-lab: 2,000 keyed lines through 3 console consumers of group_01 (each record once, disjoint partitions, murmur2 partitions), LAG 0 for all 3 partitions, the dump of partition 0 matches, $commits commits decoded from __consumer_offsets"
