#!/usr/bin/env bash
# kafka-console-consumer, the built binary, against a freshly started bundled broker (assign mode, and a Ctrl-C
# during a join its coordinator holds) and against Tansu (group mode). Bundled: records kcat produced in every
# codec, with keys, a null key and headers, read back with --partition/--offset/--max-messages and the formatter
# properties, in exact text; our extras (--output json byte for byte as kcat -J without its broker field, --offset
# -N, @<epoch-ms> and ISO-8601 times); --timeout-ms; the Processed line; Ctrl-C; a closed stdout pipe; the
# bad-input table (exit 1, exactly one stderr line, Apache's text); an unreachable server (bounded by
# default.api.timeout.ms, one line naming it).
# Tansu: --group with --from-beginning reads everything once (and nothing the second time, the offsets having been
# committed on close), two consumers of one group split the partitions, --include subscribes by pattern.
# usage: Tests/Interop/tools-consumer.sh   (needs a debug build, kcat, and scripts/install-test-peers for Tansu)
# Env: TOOLS_BIN (directory of the binaries; default: the debug build's), PYTHON (python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
bin=${TOOLS_BIN:-$(cd "$root" && swift build --show-bin-path)}
for tool in kafka-server-start kafka-topics kafka-console-consumer; do
    [ -x "$bin/$tool" ] || { echo "tools-consumer: $bin/$tool not built (run swift build)" >&2; exit 2; }
done
KCAT=/usr/bin/kcat
KCAT_NEW="$root/scripts/kcat-new"

work=$(mktemp -d "${TMPDIR:-/tmp}/tools-consumer.XXXXXX")
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
target=bundled
fail() {
    echo "tools-consumer: FAILED ($target): $*" >&2
    [ ! -f "$work/broker.log" ] || { echo "--- bundled broker log (last 20 lines) ---" >&2; tail -20 "$work/broker.log" >&2; }
    exit 1
}
T=$'\t'

# Masks log timestamps and the broker's port.
mask() { sed -E -e 's/^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]{12}\]/[ts]/' -e "s/:$port([^0-9]|\$)/:PORT\\1/g"; }

# consume ARGS...: runs kafka-console-consumer against the broker on $port; sets rc, out, err (err masked).
consume() {
    rc=0
    timeout 60 "$bin/kafka-console-consumer" --bootstrap-server "127.0.0.1:$port" "$@" >"$work/out" 2>"$work/err" \
        </dev/null || rc=$?
    out=$(cat "$work/out"; echo x); out=${out%x}
    err=$(mask <"$work/err"; echo x); err=${err%x}
}

# expect NAME STATUS STDOUT STDERR ARGS...: exact exit status and streams.
expect() {
    local name=$1 status=$2 want_out=$3 want_err=$4; shift 4
    consume "$@"
    [ "$rc" = "$status" ] || fail "$name: exit $rc, wanted $status; stdout: $out stderr: $err"
    [ "$out" = "$want_out" ] || fail "$name: stdout differs:"$'\n'"$(diff <(printf '%s' "$want_out") <(printf '%s' "$out") || true)"
    [ "$err" = "$want_err" ] || fail "$name: stderr differs:"$'\n'"$(diff <(printf '%s' "$want_err") <(printf '%s' "$err") || true)"
}

# refused NAME STDERR ARGS...: a bad input: exit 1, nothing on stdout, exactly one stderr line with that text.
refused() {
    local name=$1 want_err=$2; shift 2
    expect "$name" 1 "" "$want_err"$'\n' "$@"
}

# --- the bundled broker ------------------------------------------------------------------------------------------
port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1
"$bin/kafka-server-start" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
B="127.0.0.1:$port"
"$bin/kafka-topics" --bootstrap-server "$B" --create --topic codecs --partitions 2 >/dev/null 2>&1 || fail "create codecs"

# Three records per codec on partition 1: keyed, with no key (null), with an empty key; two headers each.
codecs=(none gzip snappy lz4 zstd)
for codec in "${codecs[@]}"; do
    printf 'k-%s:v-%s\nno-key-%s\n:empty-key-%s\n' "$codec" "$codec" "$codec" "$codec" \
        | $KCAT -b "$B" -t codecs -p 1 -P -K: -z "$codec" -H h1=a -H "h2=$codec" 2>"$work/kcat.err" \
        || fail "kcat -z $codec: $(cat "$work/kcat.err")"
done
offset=0
for codec in "${codecs[@]}"; do
    want="Partition:1${T}Offset:$offset${T}h1:a,h2:$codec${T}k-$codec${T}v-$codec"$'\n'
    want+="Partition:1${T}Offset:$((offset + 1))${T}h1:a,h2:$codec${T}null${T}no-key-$codec"$'\n'
    want+="Partition:1${T}Offset:$((offset + 2))${T}h1:a,h2:$codec${T}${T}empty-key-$codec"$'\n'
    expect "read back $codec" 0 "$want" $'Processed a total of 3 messages\n' \
        --topic codecs --partition 1 --offset "$offset" --max-messages 3 --formatter-property print.key=true \
        --formatter-property print.headers=true --formatter-property print.offset=true \
        --formatter-property print.partition=true
    offset=$((offset + 3))
done

# The deprecated names still work, each with its note on stdout first; separators and the null literal.
expect "deprecated names and separators" 0 \
    $'Option --property is deprecated and will be removed in a future version. Use --formatter-property instead.\nk-none|v-none;<null>|no-key-none;' \
    $'Processed a total of 2 messages\n' \
    --topic codecs --partition 1 --offset earliest --max-messages 2 --property print.key=true \
    --property 'key.separator=|' --property 'line.separator=;' --property 'null.literal=<null>'

# --timeout-ms ends the read quietly once nothing more comes: every record, then the count, exit 0.
consume --topic codecs --partition 1 --offset earliest --timeout-ms 1000
[ "$rc" = 0 ] && [ "$(printf '%s' "$out" | wc -l)" = 15 ] && [ "$err" = $'Processed a total of 15 messages\n' ] \
    || fail "--timeout-ms: exit $rc, $(printf '%s' "$out" | wc -l) lines, stderr: $err"
# Without --offset a --partition read starts at the end: nothing, then the timeout.
expect "partition from the end" 0 "" $'Processed a total of 0 messages\n' --topic codecs --partition 1 --timeout-ms 500
expect "empty partition" 0 "" $'Processed a total of 0 messages\n' --topic codecs --partition 0 --offset earliest --timeout-ms 500
consume --topic codecs --partition 1 --offset 3 --max-messages 2 --formatter-property print.timestamp=true \
    --formatter-config <(printf 'key.separator=\\u0020|\\u0020\n') --command-property client.id=me
[ "$rc" = 0 ] && [ "$(sed -E 's/[0-9]{13}/<ts>/' <<<"$out")" = $'CreateTime:<ts> | v-gzip\nCreateTime:<ts> | no-key-gzip' ] \
    || fail "timestamps and --formatter-config: exit $rc: $out"

# --output json: kcat -J's lines for the same records, byte for byte, without kcat's broker field.
consume --topic codecs --partition 1 --offset earliest --max-messages 15 --output json
want=$($KCAT -b "$B" -t codecs -p 1 -C -J -e -q -o beginning 2>/dev/null | sed 's/,"broker":1,/,/'; echo x); want=${want%x}
[ "$rc" = 0 ] && [ "$(printf '%s' "$want" | wc -l)" = 15 ] && [ "$out" = "$want" ] \
    && [ "$err" = $'Processed a total of 15 messages\n' ] \
    || fail "--output json: exit $rc, stderr $err:"$'\n'"$(diff <(printf '%s' "$want") <(printf '%s' "$out") || true)"
expect "--output json with a deserializer" 0 \
    '{"topic":"codecs","partition":1,"offset":14,"tstype":"create","ts":'"$(sed -n 15p <<<"$want" | sed -E 's/.*"ts":([0-9]+).*/\1/')"',"headers":["h1","a","h2","zstd"],"key":"","payload":"java.nio.HeapByteBuffer[pos=0 lim=14 cap=14]"}'$'\n' \
    $'Processed a total of 1 messages\n' --topic codecs --partition 1 --offset 14 --max-messages 1 --output json \
    --value-deserializer org.apache.kafka.common.serialization.ByteBufferDeserializer
# --offset -N: the last N offsets (not before the log start).
expect "--offset -2" 0 $'Offset:13\tno-key-zstd\nOffset:14\tempty-key-zstd\n' $'Processed a total of 2 messages\n' \
    --topic codecs --partition 1 --offset -2 --timeout-ms 500 --formatter-property print.offset=true
consume --topic codecs --partition 1 --offset -100 --timeout-ms 500
[ "$rc" = 0 ] && [ "$(printf '%s' "$out" | head -1)" = "v-none" ] && [ "$err" = $'Processed a total of 15 messages\n' ] \
    || fail "--offset -100: exit $rc, stderr $err"
# --offset @ms and ISO-8601: the first offset whose timestamp is at or after the time (from kcat's listing).
ts6=$(sed -n 7p <<<"$want" | sed -E 's/.*"ts":([0-9]+).*/\1/')
first=$(awk -v t="$ts6" -F'"ts":' '{ split($2, a, ","); split($0, o, "\"offset\":"); split(o[2], b, ","); if (a[1] >= t) { print b[1]; exit } }' <<<"$want")
iso=$("${PYTHON:-python3}" -c 'import sys,datetime; t=int(sys.argv[1]); print(datetime.datetime.fromtimestamp(t/1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.")+"%03d+00:00" % (t%1000))' "$ts6")
for at in "@$ts6" "$iso"; do
    consume --topic codecs --partition 1 --offset "$at" --max-messages 1 --formatter-property print.offset=true
    [ "$rc" = 0 ] && [ "${out%%$'\t'*}" = "Offset:$first" ] && [ "$err" = $'Processed a total of 1 messages\n' ] \
        || fail "--offset $at (want offset $first): exit $rc, stdout $out, stderr $err"
done
expect "a time after every record" 0 "" $'Processed a total of 0 messages\n' \
    --topic codecs --partition 1 --offset 2999-01-01T00:00Z --timeout-ms 500

# Ctrl-C while waiting for records: the count, exit 0, promptly.
"$bin/kafka-console-consumer" --bootstrap-server "$B" --topic codecs --partition 1 >"$work/out" 2>"$work/err" &
reader=$!
sleep 1
kill -INT "$reader"
rc=0; wait "$reader" || rc=$?
[ "$rc" = 0 ] && [ "$(cat "$work/err")" = "Processed a total of 0 messages" ] || fail "SIGINT: exit $rc: $(cat "$work/err")"

# Ctrl-C while the coordinator holds the first member's JoinGroup (group.initial.rebalance.delay.ms, 3 s by
# default): the wakeup ends the join wait, the LeaveGroup goes out; exit 0 well within the delay.
"$bin/kafka-console-consumer" --bootstrap-server "$B" --topic codecs --group held >"$work/out" 2>"$work/err" &
reader=$!
sleep 0.8
grep -q 'Preparing to rebalance group held' "$work/broker.log" || fail "the join was not under way: $(tail -3 "$work/broker.log")"
start=$(date +%s%N)
kill -INT "$reader"
rc=0; wait "$reader" || rc=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
[ "$rc" = 0 ] && [ "$(cat "$work/err")" = "Processed a total of 0 messages" ] && [ "$elapsed" -lt 1000 ] \
    || fail "SIGINT during a held join: exit $rc after $elapsed ms: $(cat "$work/err")"

# A reader that goes away: Apache's line, then the count, exit 0 (even with no new records to write).
rc=0
timeout 20 "$bin/kafka-console-consumer" --bootstrap-server "$B" --topic codecs --partition 1 --offset earliest \
    2>"$work/err" | head -1 >"$work/out" || true
rc=${PIPESTATUS[0]}
[ "$rc" = 0 ] && [ "$(cat "$work/out")" = "v-none" ] \
    && [ "$(head -1 "$work/err")" = "Unable to write to standard out, closing consumer." ] \
    && grep -qE '^Processed a total of [0-9]+ messages$' "$work/err" || fail "closed pipe: exit $rc: $(cat "$work/err")"

# The bad-input table: Apache's message, one line, exit 1, nothing consumed.
rc=0; "$bin/kafka-console-consumer" --topic codecs >"$work/out" 2>"$work/err" || rc=$?
[ "$rc" = 1 ] && [ ! -s "$work/out" ] && [ "$(cat "$work/err")" = 'Missing required argument "[bootstrap-server]"' ] \
    || fail "no server: exit $rc: $(cat "$work/err")"
refused "topic and include" "Exactly one of the following arguments is required: [topic], [include]" \
    --topic codecs --include 'c.*'
refused "no topic" "Exactly one of the following arguments is required: [topic], [include]" --partition 0
refused "offset without partition" "The partition is required when offset is specified." --topic codecs --offset 5
refused "partition without topic" "The topic is required when partition is specified." --include 'c.*' --partition 0
refused "from-beginning and offset" "Options from-beginning and offset cannot be specified together." \
    --topic codecs --partition 0 --offset 1 --from-beginning
refused "group and partition" "Options group and partition cannot be specified together." \
    --topic codecs --partition 0 --group g
refused "group ids disagree" "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'a', 'b'" \
    --topic codecs --group a --command-property group.id=b
refused "bad offset" "The provided offset value 'x' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long." \
    --topic codecs --partition 0 --offset x
refused "bad time offset" "The provided offset value '@soon' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long." \
    --topic codecs --partition 0 --offset @soon
refused "bad output" "Invalid value 'yaml' for option output: use text or json" --topic codecs --output yaml
refused "json and a formatter" "Options output and formatter cannot be specified together." \
    --topic codecs --output json --formatter org.apache.kafka.tools.consumer.NoOpMessageFormatter
refused "bad partition" "Cannot parse argument 'one' of option partition" --topic codecs --partition one
refused "reset conflict" "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option" \
    --topic codecs --from-beginning --command-property auto.offset.reset=latest
refused "old and new names" "Options --consumer-property and --command-property cannot be specified together." \
    --topic codecs --consumer-property a=1 --command-property b=2
refused "unknown option" "whitelist is not a recognized option" --whitelist 'c.*'
refused "missing file" "/nonexistent.properties (No such file or directory)" --topic codecs --command-config /nonexistent.properties
refused "unknown formatter" "Class kafka.tools.DefaultMessageFormatter not found: the formatters are org.apache.kafka.tools.consumer.DefaultMessageFormatter, org.apache.kafka.tools.consumer.LoggingMessageFormatter and org.apache.kafka.tools.consumer.NoOpMessageFormatter" \
    --topic codecs --formatter kafka.tools.DefaultMessageFormatter
consume --topic codecs --value-deserializer com.example.AvroDeserializer
[ "$rc" = 1 ] && [ -z "$out" ] && [ "$(printf '%s' "$err" | wc -l)" = 1 ] \
    && [[ "$err" == "Unable to instantiate a deserializer from com.example.AvroDeserializer for value.deserializer: "* ]] \
    || fail "unknown deserializer: exit $rc: $err"
refused "bad isolation level" "[ts] ERROR Unknown error when running consumer: Invalid value eventual for configuration isolation.level: String must be one of: read_committed, read_uncommitted (org.apache.kafka.tools.consumer.ConsoleConsumer)" \
    --topic codecs --isolation-level eventual
expect "a deserializer that fails" 1 "" $'Processed a total of 1 messages\n[ts] ERROR Unknown error when running consumer: org.apache.kafka.common.errors.SerializationException: Size of data received by LongDeserializer is not 8 (org.apache.kafka.tools.consumer.ConsoleConsumer)\n' \
    --topic codecs --partition 1 --offset earliest --value-deserializer org.apache.kafka.common.serialization.LongDeserializer
expect "--skip-message-on-error" 0 "" "$(printf '[ts] ERROR Error processing message, skipping this message: org.apache.kafka.common.errors.SerializationException: Size of data received by LongDeserializer is not 8 (org.apache.kafka.tools.consumer.ConsoleConsumer)\n%.0s' 1 2)"$'\nProcessed a total of 2 messages\n' \
    --topic codecs --partition 1 --offset earliest --max-messages 2 --skip-message-on-error \
    --value-deserializer org.apache.kafka.common.serialization.LongDeserializer
expect "unknown topic" 1 "" $'[ts] ERROR Error processing message, terminating consumer process: The broker does not host this topic partition. (org.apache.kafka.tools.consumer.ConsoleConsumer)\nProcessed a total of 0 messages\n' \
    --topic nosuch --partition 0 --offset earliest
expect "unknown partition at an offset" 1 "" $'[ts] ERROR Error processing message, terminating consumer process: The broker does not host this topic partition. (org.apache.kafka.tools.consumer.ConsoleConsumer)\nProcessed a total of 0 messages\n' \
    --topic codecs --partition 7 --offset 5

# An unreachable server: one ERROR line naming it within default.api.timeout.ms, then the count; exit 1.
dead=$(free_port)
start=$(date +%s%N)
rc=0
"$bin/kafka-console-consumer" --bootstrap-server "127.0.0.1:$dead" --topic codecs --command-property default.api.timeout.ms=1500 \
    >"$work/out" 2>"$work/err" </dev/null || rc=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
[ "$rc" = 1 ] && [ "$(mask <"$work/err")" = "[ts] ERROR Error processing message, terminating consumer process: Could not connect to any bootstrap server (127.0.0.1:$dead): Connection refused (org.apache.kafka.tools.consumer.ConsoleConsumer)
Processed a total of 0 messages" ] && [ "$elapsed" -lt 5000 ] || fail "unreachable: exit $rc after $elapsed ms: $(cat "$work/err")"

# --help: stdout, exit 0.
consume --help
[ "$rc" = 0 ] && [[ "$out" == "OVERVIEW: "* ]] && [ -z "$err" ] || fail "--help: exit $rc"

# --- Tansu: group mode --------------------------------------------------------------------------------------------
target=Tansu
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
rm -f "$work/broker.log"
tansu_port=$(free_port)
"$root/scripts/tansu" start "$tansu_port" >/dev/null 2>&1 || fail "Tansu did not start (scripts/install-test-peers?)"
port=$tansu_port
B="127.0.0.1:$port"
"$bin/kafka-topics" --bootstrap-server "$B" --create --topic grouped --partitions 3 >/dev/null 2>&1 || fail "create grouped"
for i in $(seq 1 30); do echo "key$i:value$i"; done >"$work/grouped.txt"
$KCAT_NEW -b "$B" -t grouped -P -K: -l "$work/grouped.txt" 2>"$work/kcat.err" || fail "kcat: $(cat "$work/kcat.err")"
expected=$(sed 's/:/\t/' "$work/grouped.txt" | sort)
group_args=(--command-property session.timeout.ms=6000 --formatter-property print.key=true)

consume --topic grouped --group g1 --from-beginning --timeout-ms 3000 "${group_args[@]}"
[ "$rc" = 0 ] && [ "$(printf '%s' "$out" | sort)" = "$expected" ] && [ "$err" = $'Processed a total of 30 messages\n' ] \
    || fail "--group --from-beginning: exit $rc, stderr $err, stdout: $out"
# The offsets were committed on close: the same group reads nothing more.
expect "committed on close" 0 "" $'Processed a total of 0 messages\n' \
    --topic grouped --group g1 --from-beginning --timeout-ms 2000 "${group_args[@]}"

# Two members of one group split the partitions: each record once, no partition read by both.
"$bin/kafka-topics" --bootstrap-server "$B" --create --topic grouped2 --partitions 3 >/dev/null 2>&1 || fail "create grouped2"
for member in a b; do
    timeout 60 "$bin/kafka-console-consumer" --bootstrap-server "$B" --topic grouped2 --group g2 --timeout-ms 6000 \
        --command-property auto.offset.reset=earliest --formatter-property print.partition=true "${group_args[@]}" \
        >"$work/member-$member" 2>"$work/member-$member.err" &
    eval "pid_$member=\$!"
done
# Both join during Tansu's first-join delay (half the session timeout); the records come after that.
sleep 5
$KCAT_NEW -b "$B" -t grouped2 -P -K: -l "$work/grouped.txt" 2>"$work/kcat.err" || fail "kcat: $(cat "$work/kcat.err")"
wait "$pid_a" || fail "member a: $(cat "$work/member-a.err")"
wait "$pid_b" || fail "member b: $(cat "$work/member-b.err")"
[ "$(cut -f2- "$work/member-a" "$work/member-b" | sort)" = "$expected" ] || fail "two members: not every record once"
parts_a=$(cut -f1 "$work/member-a" | sort -u); parts_b=$(cut -f1 "$work/member-b" | sort -u)
[ -n "$parts_a" ] && [ -n "$parts_b" ] && [ -z "$(comm -12 <(echo "$parts_a") <(echo "$parts_b"))" ] \
    || fail "two members did not split the partitions: a=[$parts_a] b=[$parts_b]"

# --include: every topic whose whole name matches.
for topic in inc-one inc-two other; do
    echo "in $topic" | $KCAT_NEW -b "$B" -t "$topic" -P 2>/dev/null || fail "kcat $topic"
done
consume --include 'inc-.*' --group g3 --from-beginning --timeout-ms 3000 --command-property session.timeout.ms=6000
[ "$rc" = 0 ] && [ "$(printf '%s' "$out" | sort)" = $'in inc-one\nin inc-two' ] \
    && [ "$err" = $'Processed a total of 2 messages\n' ] || fail "--include: exit $rc, stderr $err, stdout: $out"

echo "tools-consumer: kafka-console-consumer passed against the bundled broker and Tansu"
