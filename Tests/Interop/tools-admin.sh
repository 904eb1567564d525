#!/usr/bin/env bash
# kafka-topics and kafka-configs, the built binaries, against a freshly started bundled broker and against Tansu:
# the seed course's commands verbatim with their exact output (topic ids, log timestamps and ports masked), the
# bad-input table (exit status not 0, exactly one stderr line, nothing half-done), an unreachable bootstrap server
# (bounded by default.api.timeout.ms from --command-config), and `--output json`. Where Tansu lacks an API
# (CreatePartitions) or answers differently from Kafka (config sources, replication factor and config-name
# checks), the expectations say so. Prints the wall time of `kafka-topics --list` against the bundled broker.
# usage: Tests/Interop/tools-admin.sh   (needs a debug build and scripts/install-test-peers for Tansu)
# Env: TOOLS_BIN (directory of the binaries; default: the debug build's), PYTHON (python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
bin=${TOOLS_BIN:-$(cd "$root" && swift build --show-bin-path)}
for tool in kafka-server-start kafka-topics kafka-configs; do
    [ -x "$bin/$tool" ] || { echo "tools-admin: $bin/$tool not built (run swift build)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tools-admin.XXXXXX")
pid=""
tansu_port=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    [ -z "$tansu_port" ] || "$root/scripts/tansu" stop "$tansu_port" || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "tools-admin: FAILED ($target): $*" >&2
    [ ! -f "$work/broker.log" ] || { echo "--- bundled broker log (last 20 lines) ---" >&2; tail -20 "$work/broker.log" >&2; }
    exit 1
}

port=""   # the broker under test
target="" # its name in messages
T=$'\t'

# Masks what changes from run to run: topic ids, log timestamps, the broker's port.
mask() {
    sed -E -e 's/TopicId: [A-Za-z0-9_-]{22}/TopicId: <id>/g' -e 's/"topicId":"[A-Za-z0-9_-]{22}"/"topicId":"<id>"/g' \
        -e 's/^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]{12}\]/[ts]/' -e "s/:$port([^0-9]|\$)/:PORT\\1/g"
}

# run TOOL ARGS...: runs a tool against nothing in particular; sets rc, out, err (masked, trailing newline kept).
run() {
    local tool=$1; shift
    rc=0
    "$bin/$tool" "$@" >"$work/out" 2>"$work/err" </dev/null || rc=$?
    out=$(mask <"$work/out"; echo x); out=${out%x}
    err=$(mask <"$work/err"; echo x); err=${err%x}
}

# expect NAME STATUS STDOUT STDERR TOOL ARGS...: exact exit status and streams.
expect() {
    local name=$1 status=$2 want_out=$3 want_err=$4; shift 4
    run "$@"
    [ "$rc" = "$status" ] || fail "$name: exit $rc, wanted $status; stdout: $out stderr: $err"
    [ "$out" = "$want_out" ] || fail "$name: stdout differs:"$'\n'"$(diff <(printf '%s' "$want_out") <(printf '%s' "$out") || true)"
    [ "$err" = "$want_err" ] || fail "$name: stderr differs:"$'\n'"$(diff <(printf '%s' "$want_err") <(printf '%s' "$err") || true)"
}

# refused NAME STDOUT STDERR TOOL ARGS...: a bad input: exit 1, exactly one stderr line, the exact texts.
refused() {
    local name=$1 want_out=$2 want_err=$3; shift 3
    expect "$name" 1 "$want_out" "$want_err" "$@"
    [ "$(printf '%s' "$err" | wc -l)" = 1 ] || fail "$name: not exactly one stderr line: $err"
}

topic_error() {  # Apache's stdout line and our one stderr line for a runtime error of kafka-topics
    topic_out="Error while executing topic command : $1"$'\n'
    topic_err="[ts] ERROR $1 (org.apache.kafka.tools.TopicCommand)"$'\n'
}

warning=$'WARNING: Due to limitations in metric names, topics with a period (\'.\') or underscore (\'_\') could collide. To avoid issues it is best to use either, but not both.\n'

# The seed course's commands, verbatim, and the bad-input table against the broker on $port whose node id is $1.
exercise() {
    local node=$1 B="localhost:$port"
    expect "create" 0 "${warning}Created topic test_topic_01."$'\n' "" \
        kafka-topics --create --bootstrap-server "$B" --replication-factor 1 --partitions 1 --topic test_topic_01
    expect "list" 0 $'test_topic_01\n' "" kafka-topics --list --bootstrap-server "$B"
    local partition_line="${T}Topic: test_topic_01${T}Partition: 0${T}Leader: $node${T}Replicas: $node${T}Isr: $node${T}Elr: ${T}LastKnownElr: "
    expect "describe" 0 "Topic: test_topic_01${T}TopicId: <id>${T}PartitionCount: 1${T}ReplicationFactor: 1${T}Configs: "$'\n'"$partition_line"$'\n' "" \
        kafka-topics --describe --bootstrap-server "$B" --topic test_topic_01
    expect "add-config" 0 $'Completed updating config for topic test_topic_01.\n' "" \
        kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --alter --add-config retention.ms=3600000

    if [ "$target" = bundled ]; then
        expect "describe dynamic configs" 0 $'Dynamic configs for topic test_topic_01 are:\n  retention.ms=3600000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=3600000, DEFAULT_CONFIG:log.retention.hours=168}\n' "" \
            kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --describe
        expect "describe with an override" 0 "Topic: test_topic_01${T}TopicId: <id>${T}PartitionCount: 1${T}ReplicationFactor: 1${T}Configs: retention.ms=3600000"$'\n'"$partition_line"$'\n' "" \
            kafka-topics --describe --bootstrap-server "$B" --topic test_topic_01
        expect "delete-config" 0 $'Completed updating config for topic test_topic_01.\n' "" \
            kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --alter --delete-config retention.ms
        run kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --all --describe
        [ "$rc" = 0 ] && [ -z "$err" ] || fail "--all --describe: exit $rc: $err"
        [ "$(head -1 <<<"$out")" = "All configs for topic test_topic_01 are:" ] || fail "--all --describe header: $out"
        grep -qxF '  retention.ms=604800000 sensitive=false synonyms={DEFAULT_CONFIG:log.retention.hours=168}' <<<"$out" \
            || fail "--all --describe: no default retention.ms line: $out"
        [ "$(printf '%s' "$out" | tail -n +2 | grep -cvE '^  [a-z0-9.]+=.* sensitive=(true|false) synonyms=\{.*\}$' || true)" = 0 ] \
            || fail "--all --describe: malformed lines: $out"
        [ "$(wc -l <<<"$out")" -gt 20 ] || fail "--all --describe lists too few configs: $out"
    else
        # Tansu reports every config with source DEFAULT_CONFIG: nothing counts as dynamic, so the dynamic
        # describe is empty and deleting the key is refused, as Apache's tool refuses it against Tansu.
        expect "describe dynamic configs" 0 $'Dynamic configs for topic test_topic_01 are:\n' "" \
            kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --describe
        refused "delete-config (Tansu: no dynamic source)" "" $'Invalid config(s): retention.ms\n' \
            kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --alter --delete-config retention.ms
        expect "--all --describe" 0 $'All configs for topic test_topic_01 are:\n  retention.ms=3600000 sensitive=false synonyms={}\n' "" \
            kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --all --describe
    fi

    run kafka-topics --bootstrap-server "$B" --describe --topic test_topic_01 --output json
    "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); t=d["topics"][0]; assert t["name"]=="test_topic_01" and t["partitionCount"]==1 and t["partitions"][0]["leader"]==int(sys.argv[2]), d' "$out" "$node" \
        || fail "describe --output json: $out"
    run kafka-configs --bootstrap-server "$B" --topic test_topic_01 --describe --all --output json
    "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); e=d["entities"][0]; assert e["entityName"]=="test_topic_01" and any(c["name"]=="retention.ms" for c in e["configs"]), d' "$out" \
        || fail "configs --output json: $out"

    # The bad-input table.
    refused "missing --topic" "" $'Missing required argument "[topic]"\n' kafka-topics --bootstrap-server "$B" --create --partitions 1
    refused "two actions" "" $'Command must include exactly one action: --list, --describe, --create, --alter or --delete\n' \
        kafka-topics --bootstrap-server "$B" --list --describe
    topic_error "The partitions must be greater than 0"
    refused "--partitions 0" "$topic_out" "$topic_err" kafka-topics --bootstrap-server "$B" --create --topic p0 --partitions 0
    topic_error "Topic name is invalid: 'bad name!' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
    refused "illegal name" "$topic_out" "$topic_err" kafka-topics --bootstrap-server "$B" --create --topic 'bad name!'
    topic_error "Topic name is invalid: '..' is not allowed"
    refused "name '..'" "$warning$topic_out" "$topic_err" kafka-topics --bootstrap-server "$B" --create --topic ..
    # Tansu sends no message with the error code, so Kafka's default text for it is printed (as Apache's does).
    if [ "$target" = bundled ]; then topic_error "Topic 'test_topic_01' already exists."
    else topic_error "Topic with this name already exists."; fi
    refused "create twice" "$warning$topic_out" "$topic_err" kafka-topics --bootstrap-server "$B" --create --topic test_topic_01
    topic_error "Topic 'nosuch' does not exist as expected"
    refused "describe a missing topic" "$topic_out" "$topic_err" kafka-topics --bootstrap-server "$B" --describe --topic nosuch
    refused "malformed --add-config" "" $'requirement failed: Invalid entity config: all configs to be added must be in the format "key=val" or  "key=[val1,val2]" to group values which contain commas.\n' \
        kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --alter --add-config 'k1=v1,k2'
    refused "missing command config" "" $'/nonexistent/admin.properties (No such file or directory)\n' \
        kafka-topics --bootstrap-server "$B" --list --command-config /nonexistent/admin.properties
    refused "unknown option" "" $'zookeeper is not a recognized option\n' kafka-topics --zookeeper localhost:2181 --list
    refused "deleting an unset config" "" $'Invalid config(s): cleanup.policy\n' \
        kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --alter --delete-config cleanup.policy
    if [ "$target" = bundled ]; then
        topic_error "Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered."
        refused "--replication-factor 3 on one broker" "$topic_out" "$topic_err" \
            kafka-topics --bootstrap-server "$B" --create --topic rf3 --replication-factor 3
        topic_error "Unknown topic config name: foo"
        refused "unknown --config key" "$topic_out" "$topic_err" kafka-topics --bootstrap-server "$B" --create --topic cfg --config foo=bar
        refused "unknown --add-config key" "" "Error while executing config command with args '--bootstrap-server localhost:PORT --entity-type topics --entity-name test_topic_01 --alter --add-config foo=bar': Unknown topic config name: foo"$'\n' \
            kafka-configs --bootstrap-server "$B" --entity-type topics --entity-name test_topic_01 --alter --add-config foo=bar
        expect "alter partitions" 0 "" "" kafka-topics --bootstrap-server "$B" --alter --topic test_topic_01 --partitions 2
    else
        # Tansu creates topics with any replication factor and config name (Kafka refuses both: not our checks).
        topic_error "The broker at 127.0.0.1:PORT does not support CreatePartitions"
        refused "alter partitions (Tansu: no CreatePartitions)" "$topic_out" "$topic_err" \
            kafka-topics --bootstrap-server "$B" --alter --topic test_topic_01 --partitions 2
    fi
    # Nothing half-done: the only topic is still the first one.
    expect "list after the bad inputs" 0 $'test_topic_01\n' "" kafka-topics --list --bootstrap-server "$B"
    expect "delete" 0 "" "" kafka-topics --bootstrap-server "$B" --delete --topic test_topic_01
    expect "list an empty cluster" 0 $'\n' "" kafka-topics --list --bootstrap-server "$B"
}

# --- the bundled broker ---
target=bundled
port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1
"$bin/kafka-server-start" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || fail "the broker exited during start-up"
    sleep 0.05
done
exercise 1

# kafka-topics --list wall time against the local broker (one topic), 20 runs.
"$bin/kafka-topics" --bootstrap-server "127.0.0.1:$port" --create --topic timing >/dev/null
times=()
for _ in $(seq 1 20); do
    start=$(date +%s%N)
    "$bin/kafka-topics" --bootstrap-server "127.0.0.1:$port" --list >/dev/null
    times+=($(( ($(date +%s%N) - start) / 1000 )))
done
list_timing=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "min %.1f ms, median %.1f ms", a[1]/1000, a[int((NR+1)/2)]/1000}')

# --- Tansu ---
target=tansu
port=$(free_port)
"$root/scripts/tansu" start "$port" >/dev/null || fail "Tansu did not start (scripts/install-test-peers?)"
tansu_port=$port
exercise 111

# --- nobody listening: bounded by the command config's timeout, one line naming the address ---
target=unreachable
port=$(free_port)
printf 'default.api.timeout.ms=2000\n' >"$work/short-timeout.properties"
start=$SECONDS
topic_error "Could not connect to any bootstrap server (127.0.0.1:PORT): Connection refused"
refused "unreachable (kafka-topics)" "$topic_out" "$topic_err" \
    kafka-topics --bootstrap-server "127.0.0.1:$port" --list --command-config "$work/short-timeout.properties"
args="--bootstrap-server 127.0.0.1:PORT --describe --topic t --command-config $work/short-timeout.properties"
refused "unreachable (kafka-configs)" $'Dynamic configs for topic t are:\n' \
    "Error while executing config command with args '$args': Could not connect to any bootstrap server (127.0.0.1:PORT): Connection refused"$'\n' \
    kafka-configs --bootstrap-server "127.0.0.1:$port" --describe --topic t --command-config "$work/short-timeout.properties"
[ $((SECONDS - start)) -le 10 ] || fail "the unreachable server took $((SECONDS - start)) s (timeout 2 s each)"

echo "tools-admin: kafka-topics and kafka-configs match Apache's output against the bundled broker and Tansu; bad inputs refused; kafka-topics --list: $list_timing (debug build unless TOOLS_BIN)"
