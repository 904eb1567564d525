#!/usr/bin/env bash
# kafka-consumer-groups, the built binary, against Tansu (and against the bundled broker once it answers
# FindCoordinator): a topic with known records, a confluent-kafka group that commits known offsets, then --list,
# --describe (offsets, members, state; --watch redrawing it until SIGINT/SIGTERM), every common --reset-offsets
# path (dry run, execute, shift, to-offset, export, from-file), --delete-offsets, --delete and the bad-input table
# (exit status not 0, one stderr line).
# Tansu's gaps are spelled out where the expectations differ: ListGroups states are always Unknown, DescribeGroups
# carries no member assignment, ListOffsets by timestamp answers 0, no OffsetDelete, and DeleteGroups does not
# refuse a group with members.
# usage: Tests/Interop/tools-groups.sh   (needs a debug build and scripts/install-test-peers for Tansu)
# Env: TOOLS_BIN (directory of the binaries; default: the debug build's), PYTHON (python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
bin=${TOOLS_BIN:-$(cd "$root" && swift build --show-bin-path)}
for tool in kafka-server-start kafka-topics kafka-consumer-groups; do
    [ -x "$bin/$tool" ] || { echo "tools-groups: $bin/$tool not built (run swift build)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tools-groups.XXXXXX")
pid=""
tansu_port=""
holder=""
cleanup() {
    [ -z "$holder" ] || { touch "$work/stop"; wait "$holder" 2>/dev/null || true; }
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    [ -z "$tansu_port" ] || "$root/scripts/tansu" stop "$tansu_port" || true
    rm -rf "$work"
}
trap cleanup EXIT
target=""
port=""
fail() { echo "tools-groups: FAILED ($target): $*" >&2; exit 1; }

mask() { sed -E -e 's/^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]{12}\]/[ts]/' -e "s/:$port([^0-9]|\$)/:PORT\\1/g"; }
run() {
    rc=0
    "$bin/kafka-consumer-groups" "$@" >"$work/out" 2>"$work/err" </dev/null || rc=$?
    out=$(mask <"$work/out"; echo x); out=${out%x}
    err=$(mask <"$work/err"; echo x); err=${err%x}
}
expect() {  # NAME STATUS STDOUT STDERR ARGS...
    local name=$1 status=$2 want_out=$3 want_err=$4; shift 4
    run "$@"
    [ "$rc" = "$status" ] || fail "$name: exit $rc, wanted $status; stdout: $out stderr: $err"
    [ "$out" = "$want_out" ] || fail "$name: stdout differs:"$'\n'"$(diff <(printf '%s' "$want_out") <(printf '%s' "$out") || true)"
    [ "$err" = "$want_err" ] || fail "$name: stderr differs:"$'\n'"$(diff <(printf '%s' "$want_err") <(printf '%s' "$err") || true)"
}
refused() {  # NAME STDERR-LINE ARGS...: exit 1, nothing on stdout, exactly that one stderr line
    local name=$1 line=$2; shift 2
    expect "$name" 1 "" "$line"$'\n' "$@"
}
row() { printf "\n%-15s %-15s %-10s %s" "$@"; }   # a reset-plan row (GROUP TOPIC PARTITION NEW-OFFSET)
plan() {  # GROUP TOPIC then PARTITION=OFFSET..., in the order given
    local group=$1 topic=$2 text; shift 2
    text=$(row GROUP TOPIC PARTITION NEW-OFFSET)
    for entry in "$@"; do text+=$(row "$group" "$topic" "${entry%=*}" "${entry#*=}"); done
    printf '%s\n' "$text"
}

exercise() {
    local B="127.0.0.1:$port" warn
    "$bin/kafka-topics" --bootstrap-server "$B" --create --topic orders --partitions 3 >/dev/null
    "$PY" "$here/groups_peer.py" "$B" produce orders 3 5
    "$PY" "$here/groups_peer.py" "$B" commit g1 orders 0=2 1=5 || fail "the peer consumer could not commit"

    expect "list" 0 $'g1\n' "" --bootstrap-server "$B" --list
    local state=Empty; [ "$target" = tansu ] && state=Unknown
    expect "list --state" 0 "$(printf '%-25s %-20s\n%-25s %-20s' GROUP STATE g1 "$state")"$'\n' "" --bootstrap-server "$B" --list --state
    local header offsets
    header=$(printf "\n%-15s %-15s %-10s %-15s %-15s %-15s %-15s %-15s %s" GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID)
    offsets=$header$(printf "\n%-15s %-15s %-10s %-15s %-15s %-15s %-15s %-15s %s" g1 orders 0 2 5 3 - - - g1 orders 1 5 5 0 - - -)
    expect "describe" 0 "$offsets"$'\n' $'\nConsumer group \'g1\' has no active members.\n' --bootstrap-server "$B" --describe --group g1
    local coordinator; coordinator=$(printf '127.0.0.1:%s  (%s)' "$port" "$node")
    expect "describe --state" 0 "$(printf "\n%-15s %-25s %-20s %-20s %s\n%-15s %-25s %-20s %-20s %s" GROUP "COORDINATOR (ID)" ASSIGNMENT-STRATEGY STATE '#MEMBERS' g1 "$coordinator" - Empty 0 | mask)"$'\n' \
        $'\nConsumer group \'g1\' has no active members.\n' --bootstrap-server "$B" --describe --group g1 --state
    expect "describe --members (no members)" 0 "$(printf "\n%-15s %-15s %-15s %-15s %-15s " GROUP CONSUMER-ID HOST CLIENT-ID '#PARTITIONS')"$'\n' \
        $'\nConsumer group \'g1\' has no active members.\n' --bootstrap-server "$B" --describe --group g1 --members
    # --watch (ours): the same output again every interval until SIGINT or SIGTERM, exit 0; stdout is a file here,
    # so the outputs simply follow one another (no screen clearing), each with its stderr preamble.
    local signal watcher draws want
    for signal in INT TERM; do
        "$bin/kafka-consumer-groups" --bootstrap-server "$B" --describe --group g1 --watch 0.5 >"$work/watch.out" 2>"$work/watch.err" &
        watcher=$!
        sleep 1.8
        kill "-$signal" "$watcher"
        rc=0; wait "$watcher" || rc=$?
        out=$(mask <"$work/watch.out"; echo x); out=${out%x}
        draws=$(grep -c '^GROUP ' <<<"$out" || true)
        [ "$rc" = 0 ] && [ "$draws" -ge 3 ] && [ "$draws" -le 5 ] || fail "--watch (SIG$signal): exit $rc, $draws draws: $out"
        want=$(for _ in $(seq "$draws"); do printf '%s\n' "$offsets"; done; echo x); want=${want%x}
        [ "$out" = "$want" ] || fail "--watch (SIG$signal) output:"$'\n'"$(diff <(printf '%s' "$want") <(printf '%s' "$out") || true)"
        [ "$(cat "$work/watch.err")" = "$(for _ in $(seq "$draws"); do printf '\nConsumer group '"'g1'"' has no active members.\n'; done)" ] \
            || fail "--watch (SIG$signal) stderr: $(cat "$work/watch.err")"
    done
    refused "watch without describe" 'Option "[watch]" can'"'"'t be used with option "[list]"' --bootstrap-server "$B" --list --watch 1
    refused "bad watch interval" "Invalid value '0' for option watch: use a number of seconds greater than 0" \
        --bootstrap-server "$B" --describe --group g1 --watch 0
    run --bootstrap-server "$B" --describe --group g1 --output json
    "$PY" -c 'import json,sys; g=json.loads(sys.argv[1])["groups"][0]; assert g["groupId"]=="g1" and [(o["partition"],o["currentOffset"],o["lag"]) for o in g["offsets"]]==[(0,2,3),(1,5,0)], g' "$(cat "$work/out")" \
        || fail "describe --output json: $out"
    # Tansu describes any group id as Empty; Kafka answers Dead for one that does not exist.
    [ "$target" = tansu ] || expect "describe a missing group" 1 $'\nError: Consumer group \'nosuch\' does not exist.\n' "" \
        --bootstrap-server "$B" --describe --group nosuch

    # Resets: dry run, execute, shift, clamp, export and from-file.
    warn="[ts] WARN New offset (9) is higher than latest offset for topic partition orders-0. Value will be set to 5. (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand)"
    expect "reset --to-earliest --dry-run" 0 "$(plan g1 orders 0=0 1=0 2=0)"$'\n' "" \
        --bootstrap-server "$B" --reset-offsets --group g1 --topic orders --to-earliest --dry-run
    expect "reset --to-earliest --execute" 0 "$(plan g1 orders 0=0 1=0)"$'\n' "" \
        --bootstrap-server "$B" --reset-offsets --group g1 --all-topics --to-earliest --execute
    expect "reset --shift-by 2 --execute" 0 "$(plan g1 orders 0=2 1=2)"$'\n' "" \
        --bootstrap-server "$B" --reset-offsets --group g1 --all-topics --shift-by 2 --execute
    expect "reset --to-offset 9 (clamped)" 0 "$(plan g1 orders 0=5)"$'\n' "$warn"$'\n' \
        --bootstrap-server "$B" --reset-offsets --group g1 --topic orders:0 --to-offset 9 --execute
    expect "reset --to-offset 4 --export" 0 $'orders,0,4\norders,1,4\norders,2,4\n\n' "" \
        --bootstrap-server "$B" --reset-offsets --group g1 --topic orders --to-offset 4 --dry-run --export
    printf '%s' "$out" >"$work/plan.csv"
    expect "reset --from-file" 0 "$(plan g1 orders 0=4 1=4 2=4)"$'\n' "" \
        --bootstrap-server "$B" --reset-offsets --group g1 --from-file "$work/plan.csv" --execute
    expect "describe after the resets" 0 "$header$(printf "\n%-15s %-15s %-10s %-15s %-15s %-15s %-15s %-15s %s" g1 orders 0 4 5 1 - - - g1 orders 1 4 5 1 - - - g1 orders 2 4 5 1 - - -)"$'\n' \
        $'\nConsumer group \'g1\' has no active members.\n' --bootstrap-server "$B" --describe --group g1
    local at=0; [ "$target" = tansu ] || at=2   # Tansu answers 0 to every ListOffsets by timestamp
    expect "reset --to-datetime" 0 "$(plan g1 orders 0=$at)"$'\n' "" \
        --bootstrap-server "$B" --reset-offsets --group g1 --topic orders:0 --to-datetime 2020-09-13T12:26:42.000 --dry-run

    # An active member: resets are refused with Apache's message. (Each broker's run starts with fresh files.)
    rm -f "$work/ready" "$work/stop"
    "$PY" "$here/groups_peer.py" "$B" hold g2 orders "$work/ready" "$work/stop" 2>/dev/null &
    holder=$!
    for _ in $(seq 1 300); do [ -f "$work/ready" ] && break; sleep 0.1; done
    [ -f "$work/ready" ] || fail "the holding consumer did not join"
    expect "reset an active group" 1 $'\nError: Assignments can only be reset if the group \'g2\' is inactive, but the current state is Stable.\n'"$(row GROUP TOPIC PARTITION NEW-OFFSET)"$'\n' "" \
        --bootstrap-server "$B" --reset-offsets --group g2 --all-topics --to-earliest --execute
    run --bootstrap-server "$B" --describe --group g2 --state
    grep -qE '^g2 +127\.0\.0\.1:PORT  \([0-9]+\) +[a-z-]+ +Stable +1$' <<<"$out" || fail "describe --state of an active group: $out"
    if [ "$target" = tansu ]; then
        touch "$work/stop"; wait "$holder" || true; holder=""
    else
        expect "delete an active group" 1 $'\nError: Deletion of some consumer groups failed:\n* Group \'g2\' could not be deleted due to: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n' "" \
            --bootstrap-server "$B" --delete --group g2
        touch "$work/stop"; wait "$holder" || true; holder=""
    fi

    if [ "$target" = tansu ]; then
        expect "delete-offsets (Tansu: no OffsetDelete)" 1 $'\nError: Executing consumer group command failed due to The broker at 127.0.0.1:PORT does not support OffsetDelete\n' "" \
            --bootstrap-server "$B" --delete-offsets --group g1 --topic orders:2
    else
        expect "delete-offsets" 0 "Request succeeded for deleting offsets from group g1."$'\n'"$(printf "\n%-15s %-10s %-15s\n%-15s %-10s %-15s" TOPIC PARTITION STATUS orders 2 Successful)"$'\n' "" \
            --bootstrap-server "$B" --delete-offsets --group g1 --topic orders:2
    fi
    expect "delete" 0 $'Deletion of requested consumer groups (\'g1\') was successful.\n' "" --bootstrap-server "$B" --delete --group g1

    # The bad-input table.
    refused "no action" "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets, --validate-regex" --bootstrap-server "$B"
    refused "describe without a group" "Option [describe] takes one of these options: [all-groups], [group]" --bootstrap-server "$B" --describe
    refused "two sub-views" "Option [describe] takes at most one of these options: [members], [offsets], [state]" --bootstrap-server "$B" --describe --group g --members --state
    refused "two scenarios" 'Option "[to-earliest]" can'"'"'t be used with option "[to-latest]"' --bootstrap-server "$B" --reset-offsets --group g --all-topics --to-latest --to-earliest --dry-run
    refused "no scope" "One of the reset scopes should be defined: --all-topics, --topic." --bootstrap-server "$B" --reset-offsets --group g --to-latest --dry-run
    refused "bad partition" "Invalid partition 'x' specified in topic arg 'orders:x''" --bootstrap-server "$B" --reset-offsets --group g --topic orders:x --to-latest --dry-run
    refused "bad state" "Invalid state list 'bogus'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling" --bootstrap-server "$B" --list --state bogus
    refused "bad timeout" "Cannot parse argument 'x' of option timeout" --bootstrap-server "$B" --list --timeout x
    refused "unknown option" "zookeeper is not a recognized option" --zookeeper localhost:2181 --list
    refused "missing bootstrap" 'Missing required argument "[bootstrap-server]"' --list
}

# --- the bundled broker, once it has a group coordinator ---
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
bundled="skipped (no group coordinator yet)"
if "$bin/kafka-consumer-groups" --bootstrap-server "127.0.0.1:$port" --list --timeout 3000 >/dev/null 2>&1; then
    node=1
    exercise
    bundled="passed"
fi
kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""

# --- Tansu ---
target=tansu
port=$(free_port)
"$root/scripts/tansu" start "$port" >/dev/null || fail "Tansu did not start (scripts/install-test-peers?)"
tansu_port=$port
node=111
exercise

# --- nobody listening: bounded by --timeout ---
target=unreachable
port=$(free_port)
start=$SECONDS
run --bootstrap-server "127.0.0.1:$port" --list --timeout 2000
[ "$rc" = 1 ] && grep -q '^Error: Executing consumer group command failed due to ' <<<"$out" || fail "unreachable: exit $rc: $out $err"
[ $((SECONDS - start)) -le 10 ] || fail "the unreachable server took $((SECONDS - start)) s (timeout 2 s)"

echo "tools-groups: kafka-consumer-groups matches Apache's output against Tansu; bundled broker: $bundled"
