#!/usr/bin/env bash
# kafka-console-producer against the bundled broker (kafka-server-start from the debug build) and against Tansu
# (scripts/tansu), checked with outside clients (kcat, kafka-python):
#   - the seed course's command verbatim: 2,000 `key:value` lines (keys repeating) into a 3-partition topic; every
#     record arrives once, in order per key, on the partition Java's murmur2 partitioner picks (kafka-python's);
#   - headers, null.marker, every --compression-codec (and the bare flag = gzip; codecs checked with
#     kafka-dump-log on our broker), --sync, the unknown-config WARN;
#   - the bad input table: each exits non-zero with exactly one line on stderr;
#   - on our broker only: the interactive prompt under tmux (prompt, line editing, history file, records arrive).
# usage: Tests/Interop/tools-producer.sh   (needs a debug build and scripts/install-test-peers)
# Consumes with scripts/kcat-new (librdkafka 2.16); creates topics with kafka-python's admin client.
# Env: TOOLS_BIN (directory of the built tools; default: the debug build's), PYTHON (python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
# librdkafka 2.16's kcat: Debian's kcat (librdkafka 2.0.2) cannot read Tansu's ApiVersions answer.
KCAT="$root/scripts/kcat-new"
bindir=${TOOLS_BIN:-$(cd "$root" && swift build --show-bin-path)}
producer="$bindir/kafka-console-producer"
for tool in kafka-console-producer kafka-server-start kafka-dump-log; do
    [ -x "$bindir/$tool" ] || { echo "tools-producer: $bindir/$tool not built (run swift build)" >&2; exit 2; }
done
command -v tmux >/dev/null || { echo "tools-producer: tmux missing (run scripts/install-test-peers)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tools-producer.XXXXXX")
pid=""; tansu_port=""; tmux_session="kcp-$$"
cleanup() {
    tmux kill-session -t "$tmux_session" 2>/dev/null || true
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    [ -n "$tansu_port" ] && "$root/scripts/tansu" stop "$tansu_port" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "tools-producer: FAILED ($target): $*" >&2
    [ -f "$work/broker.log" ] && { echo "--- broker log (last 20 lines) ---" >&2; tail -20 "$work/broker.log" >&2; }
    exit 1
}
target="setup"

# --- brokers --------------------------------------------------------------------------------------------------
port=$(free_port)
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=1
"$bindir/kafka-server-start" "$work/server.properties" >"$work/broker.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
    "$PY" -c "import socket; socket.create_connection(('127.0.0.1',$port),0.2).close()" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || fail "the broker exited during start-up"
    sleep 0.05
done
tansu_port=$(free_port)
"$root/scripts/tansu" start "$tansu_port" >/dev/null 2>&1 || fail "Tansu did not start (scripts/install-test-peers?)"

# create_topics PORT PARTITIONS NAME...
create_topics() {
    timeout 60 "$PY" - "$@" <<'PYEOF' >"$work/create.log" 2>&1 || fail "creating topics ${*:3}: $(tail -3 "$work/create.log")"
import sys
from kafka.admin import KafkaAdminClient, NewTopic
admin = KafkaAdminClient(bootstrap_servers=f"127.0.0.1:{sys.argv[1]}", request_timeout_ms=10000)
admin.create_topics([NewTopic(name, int(sys.argv[2]), 1) for name in sys.argv[3:]])
admin.close()
PYEOF
}

# consume PORT TOPIC FORMAT: every record from the beginning, one line each.
consume() {
    timeout 60 "$KCAT" -b "127.0.0.1:$1" -C -t "$2" -e -o beginning -q -f "$3" 2>"$work/kcat.err" \
        || fail "kcat -C $2: $(tail -3 "$work/kcat.err")"
}

# expect_one_error_line NAME EXPECTED_SUBSTRING CMD...: exit status != 0, exactly one stderr line containing it.
expect_one_error_line() {
    local name=$1 expected=$2 status=0
    shift 2
    "$@" >"$work/bad.out" 2>"$work/bad.err" || status=$?
    [ "$status" -ne 0 ] || fail "$name: exit status 0"
    [ "$(wc -l <"$work/bad.err")" -eq 1 ] || fail "$name: expected one stderr line, got: $(cat "$work/bad.err")"
    grep -qF -- "$expected" "$work/bad.err" || fail "$name: stderr lacks '$expected': $(cat "$work/bad.err")"
}

# The seed course's input: 2,000 lines, 37 keys repeating, values unique.
"$PY" -c "
for i in range(2000):
    print(f'key-{i % 37}:value-{i}')" >"$work/keyload.log"

check_broker() {  # PORT NAME
    local p=$1
    target=$2

    # --- the seed course's command, verbatim ------------------------------------------------------------------
    create_topics "$p" 3 keyload
    # One partition each, so that kcat reads them back in order (Tansu's auto-created topics have several).
    create_topics "$p" 1 headers codec-none codec-gzip codec-snappy codec-lz4 codec-zstd codec-bare sync
    (cd "$work" && timeout 120 "$producer" --bootstrap-server "localhost:$p" --topic keyload \
        --property key.separator=: --property parse.key=true < keyload.log) >"$work/seed.out" 2>"$work/seed.err" \
        || fail "the seed command failed: $(cat "$work/seed.err")"
    [ ! -s "$work/seed.err" ] || fail "the seed command wrote to stderr: $(cat "$work/seed.err")"
    grep -qx "Option --property is deprecated and will be removed in a future version. Use --reader-property instead." \
        "$work/seed.out" || fail "no deprecation note for --property: $(cat "$work/seed.out")"
    consume "$p" keyload '%p %k %s\n' >"$work/keyload.out"
    "$PY" - "$work/keyload.out" <<'PYEOF' || fail "keyload records: see above"
import sys
from kafka.partitioner.default import murmur2
seen = {}
for line in open(sys.argv[1]):
    partition, key, value = line.split()
    seen.setdefault(key, []).append((int(partition), int(value.split("-")[1])))
count = sum(len(v) for v in seen.values())
assert count == 2000, f"{count} records, expected 2000"
for key, records in seen.items():
    expected = (murmur2(key.encode()) & 0x7FFFFFFF) % 3
    partitions = {p for p, _ in records}
    assert partitions == {expected}, f"{key}: partitions {partitions}, Java's murmur2 says {expected}"
    values = [v for _, v in records]
    assert values == sorted(values), f"{key}: out of order: {values[:10]}"
    assert values == [i for i in range(2000) if f"key-{i % 37}" == key], f"{key}: missing or duplicate values"
PYEOF

    # --- headers and null.marker ------------------------------------------------------------------------------
    printf 'h1:v1,h2:v2\tk1\tvalue one\nNULL\tk2\tNULL\nh3:NULL\tNULL\tlast\n' |
        timeout 60 "$producer" --bootstrap-server "127.0.0.1:$p" --topic headers --reader-property parse.key=true \
            --reader-property parse.headers=true --reader-property null.marker=NULL >/dev/null 2>"$work/h.err" \
        || fail "headers: $(cat "$work/h.err")"
    timeout 60 "$KCAT" -b "127.0.0.1:$p" -C -t headers -e -o beginning -q -J >"$work/headers.out" 2>"$work/kcat.err" \
        || fail "kcat -C headers: $(tail -3 "$work/kcat.err")"
    "$PY" - "$work/headers.out" <<'PYEOF' || fail "headers or null.marker records differ"
import json, sys
got = [json.loads(line) for line in open(sys.argv[1])]
got = [(r.get("headers", []), r["key"], r["payload"]) for r in got]
expected = [
    (["h1", "v1", "h2", "v2"], "k1", "value one"),
    ([], "k2", None),  # a header block equal to null.marker means no headers
    (["h3", None], None, "last"),
]
assert got == expected, f"{got} != {expected}"
PYEOF

    # --- every codec ------------------------------------------------------------------------------------------
    seq 1 200 | sed 's/^/line-/' >"$work/codec.in"
    for codec in none gzip snappy lz4 zstd bare; do
        local flag=(--compression-codec "$codec")
        [ "$codec" = bare ] && flag=(--compression-codec)
        timeout 60 "$producer" --bootstrap-server "127.0.0.1:$p" --topic "codec-$codec" "${flag[@]}" \
            <"$work/codec.in" >/dev/null 2>"$work/c.err" || fail "codec $codec: $(cat "$work/c.err")"
        consume "$p" "codec-$codec" '%s\n' | diff -q - "$work/codec.in" >/dev/null \
            || fail "codec $codec: records differ"
    done

    # --- --sync -----------------------------------------------------------------------------------------------
    # Each --sync send waits out linger.ms (--timeout, 1000 ms by default), as in Apache; 0 keeps this quick.
    seq 1 20 >"$work/sync.in"
    timeout 60 "$producer" --bootstrap-server "127.0.0.1:$p" --topic sync --sync --timeout 0 <"$work/sync.in" \
        >/dev/null 2>"$work/s.err" || fail "--sync: $(cat "$work/s.err")"
    consume "$p" sync '%s\n' | diff -q - "$work/sync.in" >/dev/null || fail "--sync: records differ"

    # --- an unknown producer property is a warning, not an error --------------------------------------------
    echo x | timeout 60 "$producer" --bootstrap-server "127.0.0.1:$p" --topic warn --command-property no.such=1 \
        >/dev/null 2>"$work/w.err" || fail "unknown property: $(cat "$work/w.err")"
    grep -q "WARN The configuration 'no.such' was supplied but isn't a known config. (org.apache.kafka.clients.producer.ProducerConfig)" \
        "$work/w.err" || fail "no unknown-config warning: $(cat "$work/w.err")"

    # --- bad input: exit != 0 and one clear line -----------------------------------------------------------
    local b=(--bootstrap-server "127.0.0.1:$p")
    expect_one_error_line "missing --topic" 'Missing required argument "[topic]"' "$producer" "${b[@]}"
    expect_one_error_line "malformed --property" "Option property requires an argument" \
        "$producer" "${b[@]}" --topic bad --property
    expect_one_error_line "bad reader config" "null.marker and key.separator may not be equal" \
        "$producer" "${b[@]}" --topic bad --reader-property key.separator=: --reader-property null.marker=:
    expect_one_error_line "missing properties file" "$work/missing.properties (No such file or directory)" \
        "$producer" "${b[@]}" --topic bad --command-config "$work/missing.properties"
    printf 'k:v\nno separator here\n' >"$work/nokey.in"
    expect_one_error_line "missing key separator" "No key separator found on line number 2: 'no separator here'" \
        "$producer" "${b[@]}" --topic bad --reader-property parse.key=true --reader-property key.separator=: \
        <"$work/nokey.in"
    head -c 2000 /dev/zero | tr '\0' 'x' >"$work/big.in"
    expect_one_error_line "record larger than max.request.size" \
        "value: 2000 bytes with error: The message is" \
        "$producer" "${b[@]}" --topic big --command-property max.request.size=1000 <"$work/big.in"
    expect_one_error_line "record larger than max.request.size, --sync" "which is the value of the max.request.size" \
        "$producer" "${b[@]}" --topic big --sync --command-property max.request.size=1000 <"$work/big.in"
}

check_broker "$port" "kafka-server-start"

# The codecs really were used: our broker's log segments say which one each batch has.
target="kafka-server-start"
for codec in gzip snappy lz4 zstd; do
    "$bindir/kafka-dump-log" --files "$work/logs/codec-$codec-0/00000000000000000000.log" | grep -q "compresscodec: $codec" \
        || fail "codec $codec: the broker's log holds no $codec batch"
done
"$bindir/kafka-dump-log" --files "$work/logs/codec-bare-0/00000000000000000000.log" | grep -q "compresscodec: gzip" \
    || fail "a bare --compression-codec did not mean gzip"

check_broker "$tansu_port" "Tansu"

# --- unreachable bootstrap server: one line naming the address, within max.block.ms ------------------------------
target="unreachable"
dead=$(free_port)
start=$SECONDS
echo hello >"$work/hello.in"
expect_one_error_line "unreachable bootstrap server" "127.0.0.1:$dead" \
    timeout 30 "$producer" --bootstrap-server "127.0.0.1:$dead" --topic t --max-block-ms 2000 <"$work/hello.in"
[ $((SECONDS - start)) -le 10 ] || fail "took $((SECONDS - start)) s to give up on 127.0.0.1:$dead"

# --- the interactive prompt under tmux (our broker) -----------------------------------------------------------
target="interactive"
mkdir -p "$work/home"
run_interactive() {  # marker: prints EXIT=<status> into $work/interactive.status when the producer ends
    rm -f "$work/interactive.status"
    tmux new-session -d -s "$tmux_session" -x 120 -y 20 \
        "HOME='$work/home' '$producer' --bootstrap-server 127.0.0.1:$port --topic typed; echo EXIT=\$? >'$work/interactive.status'"
}
wait_for_screen() {  # PATTERN
    for _ in $(seq 1 100); do
        tmux capture-pane -p -t "$tmux_session" 2>/dev/null | grep -q -- "$1" && return 0
        sleep 0.1
    done
    fail "the screen never showed '$1': $(tmux capture-pane -p -t "$tmux_session" 2>/dev/null)"
}
wait_for_exit() {
    for _ in $(seq 1 100); do [ -f "$work/interactive.status" ] && return 0; sleep 0.1; done
    fail "the interactive producer did not end after Ctrl-D"
}
wait_for_prompt() {  # the last line on the screen is a fresh `>` prompt: readline is reading again
    for _ in $(seq 1 100); do
        [ "$(tmux capture-pane -p -t "$tmux_session" 2>/dev/null | sed '/^$/d' | tail -1)" = ">" ] && return 0
        sleep 0.1
    done
    fail "no fresh prompt: $(tmux capture-pane -p -t "$tmux_session" 2>/dev/null)"
}
run_interactive
wait_for_prompt
# Type "wrld", move back three characters, insert "o": line editing makes it "world".
tmux send-keys -t "$tmux_session" -l 'wrld'
tmux send-keys -t "$tmux_session" Left Left Left
tmux send-keys -t "$tmux_session" -l 'o'
tmux send-keys -t "$tmux_session" Enter
wait_for_screen '^>world$'
wait_for_prompt
tmux send-keys -t "$tmux_session" -l 'second line'
tmux send-keys -t "$tmux_session" Enter
wait_for_screen '^>second line$'
wait_for_prompt
tmux send-keys -t "$tmux_session" C-d
wait_for_exit
grep -qx "EXIT=0" "$work/interactive.status" || fail "exit status: $(cat "$work/interactive.status")"
printf '%s\n' world 'second line' | diff - "$work/home/.kafka_console_producer_history" >/dev/null \
    || fail "history file: $(cat "$work/home/.kafka_console_producer_history" 2>&1)"
# A second session recalls the history: Up twice gives "world" again.
run_interactive
wait_for_prompt
tmux send-keys -t "$tmux_session" Up Up Enter
wait_for_screen '^>world$'
wait_for_prompt
tmux send-keys -t "$tmux_session" C-d
wait_for_exit
printf '%s\n' world 'second line' world | diff - <(consume "$port" typed '%s\n') >/dev/null \
    || fail "typed records: $(consume "$port" typed '%s\n')"

echo "tools-producer: seed command (2,000 keyed records, murmur2 partitions), headers, null.marker, 5 codecs, --sync and the bad input table pass on kafka-server-start and Tansu; the prompt, line editing and history work under tmux"
