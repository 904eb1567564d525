#!/usr/bin/env bash
# ACLs on the bundled broker with real clients (issue 7): StandardAuthorizer with super.users=User:admin and no
# allow-everyone, a SASL_PLAINTEXT listener with PLAIN users admin and alice; acl_driver.py (confluent-kafka)
# creates, lists and deletes ACLs and checks what alice may and may not do; then our tools as alice get Kafka's
# authorization errors as one line. Always stops the broker (by pid).
# usage: Tests/Interop/broker-acl.sh   (needs a debug build and scripts/install-test-peers)
# Env: KAFKA_SERVER_START (binary; default: the debug build's), PYTHON (python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
bin=${KAFKA_SERVER_START:-$(cd "$root" && swift build --show-bin-path)/kafka-server-start}
tools=$(dirname "$bin")
[ -x "$bin" ] || { echo "broker-acl: $bin not built (run swift build)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/broker-acl.XXXXXX")
broker_pid=""
cleanup() {
    kill_broker
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "broker-acl: FAILED: $*" >&2
    echo "--- broker log (last 40 lines) ---" >&2; tail -40 "$work/broker.log" >&2 || true
    exit 1
}

port=$(free_port)
bootstrap="127.0.0.1:$port"
# acl_driver.py's fixed test users.
jaas='org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="admin-secret" user_alice="alice-secret";'
cat >"$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:9093
controller.listener.names=CONTROLLER
listeners=SASL_PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:9093
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/logs
num.partitions=1
group.initial.rebalance.delay.ms=0
sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=$jaas
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
PROPS

start_broker "$bin" "$work/server.properties" "$work/broker.log" || fail "the broker did not start"

(cd "$here" && timeout 300 "$PY" acl_driver.py "$bootstrap") || fail "acl_driver.py"

# Our tools as alice: her topic is readable (the driver left READ on acl-ok-*), creating one is refused.
cat >"$work/alice.properties" <<'PROPS'
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";
PROPS
listed=$("$tools/kafka-topics" --bootstrap-server "$bootstrap" --command-config "$work/alice.properties" --list) \
    || fail "kafka-topics --list as alice"
grep -q '^acl-ok-' <<<"$listed" || fail "alice does not see her topic: $listed"
if grep -q '^acl-denied-' <<<"$listed"; then fail "alice sees a topic she may not describe: $listed"; fi
set +e
err=$("$tools/kafka-topics" --bootstrap-server "$bootstrap" --command-config "$work/alice.properties" \
    --create --topic alice-own --partitions 1 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "alice created a topic without CREATE"
grep -q "TopicAuthorizationException\|Authorization failed" <<<"$err" || fail "kafka-topics --create as alice: $err"
[ "$(wc -l <<<"$err")" -eq 1 ] || fail "more than one error line: $err"
echo "broker-acl: kafka-topics as alice: her topic listed, the other hidden; --create refused: $err"

stop_broker || fail "the broker did not exit 0 on SIGTERM"
echo "broker-acl: passed"
