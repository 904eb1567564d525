#!/usr/bin/env bash
# The interop suite of `make test`: real clients (kcat on librdkafka 2.0.2 and 2.16, kafka-python,
# confluent-kafka) talk to a real broker (Tansu) through the recording proxy, then every frame they
# exchanged must decode and re-encode byte for byte with our KafkaProtocol library. Then the same clients
# must see our own broker (broker-smoke.sh), and our tools must work against both brokers (tools-*.sh).
# usage: Tests/Interop/run.sh   (needs scripts/install-test-peers and a debug build with tests)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/kafka-interop.XXXXXX")
trap 'rm -rf "$out"' EXIT

if ! "$here/capture.sh" "$out" >"$out.log" 2>&1; then
    cat "$out.log" >&2; rm -f "$out.log"
    echo "interop: capture against Tansu failed" >&2
    exit 1
fi
rm -f "$out.log"
count=$(find "$out/frames" -name '*.hex' | wc -l)
[ "$count" -gt 100 ] || { echo "interop: only $count frames captured" >&2; exit 1; }

# Our own broker, started from a properties file, seen by the same clients.
"$here/broker-smoke.sh" || { echo "interop: the bundled broker failed its smoke test" >&2; exit 1; }
"$here/broker-admin.sh" || { echo "interop: the bundled broker failed its admin test" >&2; exit 1; }

# The data path: produce/consume in every codec, idempotence, kill -9 crashes, throughput (broker-data.sh).
"$here/broker-data.sh" || { echo "interop: the bundled broker failed its data-path test" >&2; exit 1; }

# Consumer groups: kafka-python, confluent-kafka and kcat -G groups, committed offsets across kill -9, static members.
"$here/broker-groups.sh" || { echo "interop: the bundled broker failed its consumer-group test" >&2; exit 1; }

# TLS and SASL listeners: PLAIN/SCRAM x TLS on/off x right/wrong password, mutual TLS (broker-security.sh).
"$here/broker-security.sh" || { echo "interop: the bundled broker failed its security test" >&2; exit 1; }
# ACLs: StandardAuthorizer, super.users, allow/deny for produce, consume, topic creation, the ACL APIs (broker-acl.sh).
"$here/broker-acl.sh" || { echo "interop: the bundled broker failed its ACL test" >&2; exit 1; }

# kafka-topics and kafka-configs against the bundled broker and Tansu (tools-admin.sh).
"$here/tools-admin.sh" || { echo "interop: kafka-topics/kafka-configs failed against a broker" >&2; exit 1; }
# kafka-consumer-groups against Tansu and the bundled broker.
"$here/tools-groups.sh" || { echo "interop: kafka-consumer-groups failed against a broker" >&2; exit 1; }

# kafka-console-consumer against the bundled broker (assign mode) and Tansu (groups) (tools-consumer.sh).
"$here/tools-consumer.sh" || { echo "interop: kafka-console-consumer failed against a broker" >&2; exit 1; }

# The tools against the bundled broker and Tansu: kafka-console-producer (tools-producer.sh).
"$here/tools-producer.sh" || { echo "interop: kafka-console-producer failed its test" >&2; exit 1; }

# The seed course's lab verbatim: topic, three console consumers in a group, 2,000 keyed lines, lag, dump-log.
"$here/seed-lab.sh" || { echo "interop: the seed course's lab failed" >&2; exit 1; }

# Churn: console consumers of one group killed with -9 and restarted for 60 s while records are produced.
"$here/group-churn.sh" || { echo "interop: a consumer group lost records under churn" >&2; exit 1; }

cd "$root"
if ! KAFKA_LIVE_FRAMES_DIR="$out/frames" swift test --skip-build --filter 'GoldenFrameTests' >"$out/swift-test.log" 2>&1; then
    grep -E '✘|error' "$out/swift-test.log" | head -40 >&2
    echo "interop: live frames did not round-trip through KafkaProtocol" >&2
    exit 1
fi
echo "interop: $count live frames from 4 clients round-tripped"
