#!/usr/bin/env bash
# Consumer groups on the bundled broker against real clients: kafka-server-start from a properties file (short
# group.initial.rebalance.delay.ms) on a free loopback port and a temp log dir, then
#  - 3 kafka-python consumers (range) and 3 confluent-kafka consumers (cooperative-sticky), each group on its own
#    6-partition topic: disjoint assignment of every partition, every record consumed once, describe/list answers
#    (Stable, 3 members, the protocol) from both admin clients, DeleteGroups refused while members exist;
#    afterwards the group is Empty and its committed offsets equal the log end (both admin clients);
#  - kcat -G balanced consumers on librdkafka 2.0.2 (/usr/bin/kcat) and 2.16 (scripts/kcat-new) read a topic to
#    its end and commit it;
#  - kill -9 of the broker and a restart: every group's committed offsets are still there;
#  - a static member (group.instance.id) restarted within the session timeout gets its partitions back with no
#    rebalance of the other member.
# Always stops what it started (by pid). usage: Tests/Interop/broker-groups.sh (needs a debug build and
# scripts/install-test-peers). Env: KAFKA_SERVER_START, PYTHON.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
bin=${KAFKA_SERVER_START:-$(cd "$root" && swift build --show-bin-path)/kafka-server-start}
[ -x "$bin" ] || { echo "broker-groups: $bin not built (run swift build)" >&2; exit 2; }
KCATS=("/usr/bin/kcat" "$root/scripts/kcat-new")
driver=("$PY" "$here/groups_driver.py")

work=$(mktemp -d "${TMPDIR:-/tmp}/broker-groups.XXXXXX")
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; sleep 0.5; kill -KILL "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "broker-groups: FAILED: $*" >&2
    echo "--- broker log (tail) ---" >&2; tail -60 "$work/broker.log" >&2 || true
    exit 1
}
wait_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }
step() { timeout "$1" "${@:2}" >>"$work/steps.log" 2>&1 || fail "$(tail -5 "$work/steps.log")"; tail -1 "$work/steps.log" | sed 's/^/broker-groups: /'; }

port=$(free_port)
bs="127.0.0.1:$port"
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=3 \
    group.initial.rebalance.delay.ms=300 offsets.topic.replication.factor=1
start_broker() {
    "$bin" "$work/server.properties" >>"$work/broker.log" 2>&1 &
    pid=$!
    wait_port "$port" || fail "the broker did not listen on $port"
}
start_broker
started=$(date +%s)

# --- groups of three: kafka-python (range), confluent-kafka (cooperative-sticky) ----------------------------------
step 60 "${driver[@]}" produce "$bs" kp-topic 6 3000
step 120 "${driver[@]}" kafkapython "$bs" kp-topic kp-group 3000
step 60 "${driver[@]}" committed "$bs" kp-group kp-topic
step 60 "${driver[@]}" state "$bs" kp-group Empty
step 60 "${driver[@]}" produce "$bs" ck-topic 6 3000
step 120 "${driver[@]}" confluent "$bs" ck-topic ck-group 3000
step 60 "${driver[@]}" committed "$bs" ck-group ck-topic
step 60 "${driver[@]}" state "$bs" ck-group Empty

# --- kcat -G on both librdkafka versions ------------------------------------------------------------------------------
step 60 "${driver[@]}" produce "$bs" kc-topic 3 1000
for kcat in "${KCATS[@]}"; do
    v=$(basename "$kcat")
    timeout 60 "$kcat" -b "$bs" -G "kc-$v" -X auto.offset.reset=earliest -X session.timeout.ms=6000 -e -q \
        -f '%s\n' kc-topic >"$work/kc-$v.out" 2>"$work/kc-$v.err" || fail "$v -G: $(cat "$work/kc-$v.err")"
    got=$(sort -n "$work/kc-$v.out" | uniq | wc -l)
    [ "$got" -eq 1000 ] && [ "$(wc -l <"$work/kc-$v.out")" -eq 1000 ] || fail "$v -G read $(wc -l <"$work/kc-$v.out") records ($got distinct), not 1000"
    step 60 "${driver[@]}" committed "$bs" "kc-$v" kc-topic
done

# --- kill -9 and restart: committed offsets survive ----------------------------------------------------------------
kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
start_broker
for group in kp-group:kp-topic ck-group:ck-topic kc-kcat:kc-topic kc-kcat-new:kc-topic; do
    step 60 "${driver[@]}" committed "$bs" "${group%%:*}" "${group##*:}"
done
grep -q "Finished loading offsets and group metadata from __consumer_offsets-" "$work/broker.log" \
    || fail "no loading line for __consumer_offsets after the restart"

# --- static membership: a restart within the session timeout causes no rebalance -------------------------------------
step 60 "${driver[@]}" produce "$bs" st-topic 4 100
step 90 "${driver[@]}" static "$bs" st-topic st-group
rebalances=$(grep -c "Preparing to rebalance group st-group " "$work/broker.log" || true)
grep -q "Static member which joins during Stable stage and doesn't affect selectProtocol will not trigger rebalance" \
    "$work/broker.log" || fail "no static rejoin without rebalance in the broker log"
echo "broker-groups: st-group rebalanced $rebalances time(s) in all (the joins of s1 and s2 only)"

grep -q "Stabilized group kp-group generation" "$work/broker.log" || fail "no Stabilized line for kp-group"
echo "broker-groups: all passed in $(( $(date +%s) - started )) s"
