#!/usr/bin/env bash
# Starts the real kafka-server-start from a properties file, as a user would, on a free loopback port, and
# checks that real clients see it: kcat on librdkafka 2.0.2 (/usr/bin/kcat) and 2.16 (scripts/kcat-new) list its
# metadata, kafka-python lists its topics. Prints the time from process start to the first Metadata answer.
# Fails loudly; always stops the broker it started (by pid). Then checks that SIGTERM exits 0.
# usage: Tests/Interop/broker-smoke.sh   (needs a debug build and scripts/install-test-peers)
# Env: KAFKA_SERVER_START (binary; default: the debug build's), PYTHON (python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
bin=${KAFKA_SERVER_START:-$(cd "$root" && swift build --show-bin-path)/kafka-server-start}
[ -x "$bin" ] || { echo "broker-smoke: $bin not built (run swift build)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/broker-smoke.XXXXXX")
pid=""
probe=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; sleep 0.5; kill -KILL "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "broker-smoke: FAILED: $*" >&2
    echo "--- broker log ---" >&2; cat "$work/broker.log" >&2 || true
    exit 1
}

port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1

"$PY" "$here/first_metadata.py" "$port" "$work/pid" -- "$bin" "$work/server.properties" >"$work/broker.log" 2>&1 &
probe=$!
first=""
for _ in $(seq 1 200); do
    first=$(grep -o 'first-metadata-ms [0-9.]*' "$work/broker.log" | cut -d' ' -f2 || true)
    [ -n "$first" ] && break
    kill -0 "$probe" 2>/dev/null || break
    sleep 0.05
done
[ -s "$work/pid" ] && pid=$(cat "$work/pid")
[ -n "$first" ] || fail "the broker did not answer Metadata"

expect_listing() {  # name, output
    grep -q "1 brokers:" <<<"$2" || fail "$1: no broker list in: $2"
    grep -q "broker 1 at 127.0.0.1:$port" <<<"$2" || fail "$1: wrong broker address in: $2"
}
out=$(timeout 30 /usr/bin/kcat -b "127.0.0.1:$port" -L 2>&1) || fail "kcat (librdkafka 2.0.2) -L: $out"
expect_listing "kcat 2.0.2" "$out"
out=$(timeout 30 "$root/scripts/kcat-new" -b "127.0.0.1:$port" -L 2>&1) || fail "kcat (librdkafka 2.16) -L: $out"
expect_listing "kcat 2.16" "$out"
out=$(timeout 60 "$PY" - "$port" <<'PYEOF' 2>&1
import sys
from kafka import KafkaConsumer
consumer = KafkaConsumer(bootstrap_servers=f"127.0.0.1:{sys.argv[1]}", request_timeout_ms=10000)
topics = consumer.topics()
assert topics == set(), topics
brokers = consumer._client.cluster.brokers()
assert [(b.node_id, b.host, b.port) for b in brokers] == [(1, "127.0.0.1", int(sys.argv[1]))], brokers
consumer.close()
print("kafka-python ok")
PYEOF
) || fail "kafka-python: $out"

kill -TERM "$pid"
status=0
timeout 5 tail --pid="$probe" -f /dev/null || fail "the broker did not stop within 5 s of SIGTERM"
wait "$probe" || status=$?
pid=""
[ "$status" -eq 0 ] || fail "the broker exited with $status after SIGTERM (expected 0)"
grep -q "shut down completed" "$work/broker.log" || fail "no shutdown lines after SIGTERM"
grep -q "^\[.*\] INFO \[KafkaRaftServer nodeId=1\] Kafka Server started" "$work/broker.log" \
    || fail "no Kafka-style start-up line"
echo "broker-smoke: kcat 2.0.2, kcat 2.16 and kafka-python see the broker; first Metadata answer ${first} ms after start"
