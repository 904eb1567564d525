#!/usr/bin/env bash
# The admin APIs of the bundled broker against real clients: starts the real kafka-server-start from a temp
# properties file on a free loopback port with a temp log dir; kafka-python's KafkaAdminClient creates, describes
# and deletes topics, pages through DescribeTopicPartitions and reads DescribeLogDirs; confluent-kafka's AdminClient
# creates a topic with a config, describes and incrementally alters configs and adds partitions; kcat -L lists the
# topics. The broker is restarted and the topics and configs must survive. Last, wire_fuzz.py sends mutated real
# request frames and the broker must stay healthy. (Neither Python client accepts the broker entity "", so the
# cluster-wide dynamic defaults are tested in Swift only: BrokerDynamicDefaultsTests.)
# usage: Tests/Interop/broker-admin.sh   (needs a debug build and scripts/install-test-peers)
# Env: KAFKA_SERVER_START (binary; default: the debug build's), PYTHON (python3), FUZZ_CASES (20000)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
bin=${KAFKA_SERVER_START:-$(cd "$root" && swift build --show-bin-path)/kafka-server-start}
[ -x "$bin" ] || { echo "broker-admin: $bin not built (run swift build)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/broker-admin.XXXXXX")
pid=""
stop_broker() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    pid=""
}
cleanup() { stop_broker; rm -rf "$work"; }
trap cleanup EXIT
fail() {
    echo "broker-admin: FAILED: $*" >&2
    echo "--- broker log (last 40 lines) ---" >&2; tail -40 "$work/broker.log" >&2 || true
    exit 1
}

port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1 log.retention.hours=24

start_broker() {
    "$bin" "$work/server.properties" >>"$work/broker.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 200); do
        "$PY" -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2).close()" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || fail "the broker exited during start-up"
        sleep 0.05
    done
    fail "the broker did not listen on $port"
}

start_broker

out=$(timeout 120 "$PY" - "$port" <<'PYEOF' 2>&1
import sys
from kafka import KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic, ConfigResource, ConfigResourceType
from kafka.errors import TopicAlreadyExistsError, InvalidReplicationFactorError
bootstrap = f"127.0.0.1:{sys.argv[1]}"
admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10000)
admin.create_topics([NewTopic("kp-orders", 3, 1, topic_configs={"retention.ms": "3600000"}), NewTopic("kp-doomed", 1, 1)])
try:
    admin.create_topics([NewTopic("kp-orders", 1, 1)])
    raise SystemExit("duplicate create succeeded")
except TopicAlreadyExistsError:
    pass
try:
    admin.create_topics([NewTopic("kp-rf", 1, 3)])
    raise SystemExit("replication factor 3 accepted")
except InvalidReplicationFactorError:
    pass
described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "kp-orders")])
text = repr(described)
assert "retention.ms" in text and "3600000" in text, text
admin.delete_topics(["kp-doomed"])
producer = KafkaProducer(bootstrap_servers=bootstrap)
producer.send("kp-orders", b"x" * 100, partition=1).get(10)
producer.close()
dirs = admin.describe_log_dirs({"kp-orders": [1, 2]})
assert len(dirs) == 1 and len(dirs[0]["log_dirs"]) == 1, dirs
log_dir = dirs[0]["log_dirs"][0]
assert log_dir["error_code"] == 0 and log_dir["log_dir"].endswith("/logs"), log_dir
assert log_dir["total_bytes"] > 0 and 0 <= log_dir["usable_bytes"] <= log_dir["total_bytes"], log_dir
sizes = {(t["name"], p["partition_index"]): p["partition_size"] for t in log_dir["topics"] for p in t["partitions"]}
assert set(sizes) == {("kp-orders", 1), ("kp-orders", 2)} and sizes[("kp-orders", 1)] > 100 and sizes[("kp-orders", 2)] == 0, sizes
page = admin.describe_topic_partitions(["kp-orders", "kp-ghost"], response_partition_limit=2)
assert [(t["name"], t["error_code"]) for t in page["topics"]] == [("kp-ghost", 3), ("kp-orders", 0)], page
assert [p["partition_index"] for p in page["topics"][1]["partitions"]] == [0, 1], page
assert page["next_cursor"] == {"topic_name": "kp-orders", "partition_index": 2}, page
assert page["topics"][1]["partitions"][0]["leader_id"] == 1 and page["topics"][1]["partitions"][0]["isr_nodes"] == [1], page
rest = admin.describe_topic_partitions(["kp-orders"], cursor=page["next_cursor"])
assert [p["partition_index"] for p in rest["topics"][0]["partitions"]] == [2] and rest["next_cursor"] is None, rest
topics = set(admin.list_topics())
assert "kp-orders" in topics and "kp-doomed" not in topics, topics
admin.close()
print("kafka-python ok")
PYEOF
) || fail "kafka-python: $out"

out=$(timeout 120 "$PY" - "$port" <<'PYEOF' 2>&1
import sys
from confluent_kafka.admin import (AdminClient, NewTopic, NewPartitions, ConfigResource, ConfigEntry,
                                   AlterConfigOpType, ResourceType)
admin = AdminClient({"bootstrap.servers": f"127.0.0.1:{sys.argv[1]}"})
for future in admin.create_topics([NewTopic("ck-events", num_partitions=2, replication_factor=1,
                                            config={"cleanup.policy": "delete", "max.message.bytes": "2048"})]).values():
    future.result(30)
resource = ConfigResource(ResourceType.TOPIC, "ck-events")
configs = list(admin.describe_configs([resource]).values())[0].result(30)
assert configs["max.message.bytes"].value == "2048", configs["max.message.bytes"]
assert configs["retention.ms"].value == "86400000", configs["retention.ms"]
assert configs["retention.ms"].source == 4, configs["retention.ms"].source
alter = ConfigResource(ResourceType.TOPIC, "ck-events", incremental_configs=[
    ConfigEntry("retention.ms", "7200000", incremental_operation=AlterConfigOpType.SET),
    ConfigEntry("max.message.bytes", None, incremental_operation=AlterConfigOpType.DELETE)])
for future in admin.incremental_alter_configs([alter]).values():
    future.result(30)
configs = list(admin.describe_configs([resource]).values())[0].result(30)
assert configs["retention.ms"].value == "7200000", configs["retention.ms"]
assert configs["max.message.bytes"].value == "1048588", configs["max.message.bytes"]
for future in admin.create_partitions([NewPartitions("ck-events", 4)]).values():
    future.result(30)
metadata = admin.list_topics(timeout=30)
assert len(metadata.topics["ck-events"].partitions) == 4, metadata.topics["ck-events"]
print("confluent-kafka ok")
PYEOF
) || fail "confluent-kafka: $out"

out=$(timeout 30 /usr/bin/kcat -b "127.0.0.1:$port" -L 2>&1) || fail "kcat -L: $out"
grep -q 'topic "kp-orders" with 3 partitions' <<<"$out" || fail "kcat: kp-orders missing: $out"
grep -q 'topic "ck-events" with 4 partitions' <<<"$out" || fail "kcat: ck-events missing: $out"

stop_broker
start_broker
out=$(timeout 60 "$PY" - "$port" <<'PYEOF' 2>&1
import sys
from confluent_kafka.admin import AdminClient, ConfigResource, ResourceType
admin = AdminClient({"bootstrap.servers": f"127.0.0.1:{sys.argv[1]}"})
metadata = admin.list_topics(timeout=30)
assert len(metadata.topics["kp-orders"].partitions) == 3, metadata.topics
assert len(metadata.topics["ck-events"].partitions) == 4, metadata.topics
assert "kp-doomed" not in metadata.topics, metadata.topics
configs = list(admin.describe_configs([ConfigResource(ResourceType.TOPIC, "ck-events")]).values())[0].result(30)
assert configs["retention.ms"].value == "7200000", configs["retention.ms"]
configs = list(admin.describe_configs([ConfigResource(ResourceType.TOPIC, "kp-orders")]).values())[0].result(30)
assert configs["retention.ms"].value == "3600000", configs["retention.ms"]
print("restart ok")
PYEOF
) || fail "after restart: $out"

"$PY" "$here/wire_fuzz.py" "127.0.0.1:$port" --cases "${FUZZ_CASES:-20000}" --pid "$pid" >"$work/fuzz.log" 2>&1 \
    || { tail -20 "$work/fuzz.log" >&2; fail "wire_fuzz.py"; }
kill -0 "$pid" 2>/dev/null || fail "the broker died during fuzzing"
echo "broker-admin: kafka-python, confluent-kafka and kcat administer the broker; topics and configs survive a restart; $(tail -1 "$work/fuzz.log")"
