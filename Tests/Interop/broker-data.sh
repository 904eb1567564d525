#!/usr/bin/env bash
# The data path of the bundled broker against real clients: kafka-server-start is started from a properties file
# on a free loopback port and a temp log dir, then
#  - kcat on librdkafka 2.0.2 (/usr/bin/kcat) and 2.16 (scripts/kcat-new), each codec: 10,000 keyed records in,
#    the same multiset out; -Q offset for a timestamp;
#  - confluent-kafka idempotent producer (zstd): 20,000 records delivered, read back in order, no duplicates;
#  - kafka-python produce and consume;
#  - crash: confluent-kafka (acks=all, idempotent) writes flat out while the broker is kill -9ed and restarted 5
#    times; every acknowledged record is read back, none twice;
# Throughput, CPU and memory against Tansu are measured by bench/broker-produce.sh, not here.
# Always stops what it started (by pid). usage: Tests/Interop/broker-data.sh (needs a debug build and
# scripts/install-test-peers). Env: KAFKA_SERVER_START, PYTHON.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
bin=${KAFKA_SERVER_START:-$(cd "$root" && swift build --show-bin-path)/kafka-server-start}
[ -x "$bin" ] || { echo "broker-data: $bin not built (run swift build)" >&2; exit 2; }
KCATS=("/usr/bin/kcat" "$root/scripts/kcat-new")

work=$(mktemp -d "${TMPDIR:-/tmp}/broker-data.XXXXXX")
pid=""; producer=""
cleanup() {
    [ -n "$producer" ] && kill -KILL "$producer" 2>/dev/null || true
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; sleep 0.5; kill -KILL "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "broker-data: FAILED: $*" >&2
    echo "--- broker log (tail) ---" >&2; tail -40 "$work/broker.log" >&2 || true
    exit 1
}
wait_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

port=$(free_port)
bs="127.0.0.1:$port"
write_server_properties "$work/server.properties" "$port" "$work/logs" num.partitions=3 auto.create.topics.enable=true
start_broker() {
    "$bin" "$work/server.properties" >>"$work/broker.log" 2>&1 &
    pid=$!
    wait_port "$port" || fail "the broker did not listen on $port"
}
start_broker
started=$(date +%s)

# --- kcat, every codec, both librdkafka versions -------------------------------------------------------------------
"$PY" -c 'import sys
for i in range(10000): print(f"key{i%977}:value-{i}-" + "x" * (i % 50))' >"$work/keyed.txt"
sort "$work/keyed.txt" >"$work/keyed.sorted"
for kcat in "${KCATS[@]}"; do
    v=$(basename "$kcat")
    for codec in none gzip snappy lz4 zstd; do
        topic="kcat-$v-$codec"
        timeout 60 "$kcat" -b "$bs" -P -t "$topic" -K: -z "$codec" -l "$work/keyed.txt" 2>"$work/err" || fail "$v -z $codec produce: $(cat "$work/err")"
        timeout 60 "$kcat" -b "$bs" -C -t "$topic" -e -q -o beginning -f '%k:%s\n' 2>"$work/err" | sort >"$work/out" || fail "$v consume: $(cat "$work/err")"
        cmp -s "$work/out" "$work/keyed.sorted" || fail "$v -z $codec: $(wc -l <"$work/out") records back, not the 10,000 sent"
    done
    echo "broker-data: $v: 10,000 keyed records in and out with none/gzip/snappy/lz4/zstd"
done
before=$(( ($(date +%s) - 3600) * 1000 ))
q=$(timeout 30 "${KCATS[1]}" -b "$bs" -Q -t "kcat-kcat-new-zstd:0:$before" 2>&1) || fail "kcat -Q: $q"
grep -q "offset 0" <<<"$q" || fail "kcat -Q for a timestamp before the data: $q"
q=$(timeout 30 "${KCATS[0]}" -b "$bs" -Q -t "kcat-kcat-zstd:0:$(( $(date +%s) * 1000 + 3600000 ))" 2>&1) || fail "kcat -Q: $q"
grep -q "offset -1" <<<"$q" || fail "kcat -Q for a timestamp after the data: $q"
echo "broker-data: kcat -Q offsets for timestamps"

# --- confluent-kafka idempotent producer --------------------------------------------------------------------------
"$PY" - "$bs" <<'PY' || fail "confluent-kafka idempotent producer"
import sys
from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1], "enable.idempotence": True, "compression.type": "zstd", "linger.ms": 5})
delivered, errors = [0], []
def done(err, msg):
    if err: errors.append(err)
    else: delivered[0] += 1
for i in range(20000):
    while True:
        try:
            p.produce("idem", value=str(i).encode(), partition=0, on_delivery=done); break
        except BufferError:
            p.poll(0.05)
    p.poll(0)
p.flush(60)
assert not errors and delivered[0] == 20000, (delivered[0], errors[:3])
PY
timeout 60 "${KCATS[1]}" -b "$bs" -C -t idem -p 0 -e -q -o beginning -f '%s\n' >"$work/idem" || fail "reading idem back"
"$PY" -c 'import sys; v=[int(l) for l in open(sys.argv[1])]; assert v == list(range(20000)), (len(v), v[:5])' "$work/idem" \
    || fail "the idempotent producer's records are not 0..19999 in order"
echo "broker-data: confluent-kafka idempotent zstd producer: 20,000 delivered, read back in order, no duplicates"

# --- kafka-python -------------------------------------------------------------------------------------------------
"$PY" - "$bs" <<'PY' || fail "kafka-python produce/consume"
import sys
from kafka import KafkaProducer, KafkaConsumer, TopicPartition
p = KafkaProducer(bootstrap_servers=sys.argv[1], acks="all")
for i in range(1000): p.send("kpy", key=b"k", value=b"v%d" % i)
p.flush(30); p.close()
c = KafkaConsumer(bootstrap_servers=sys.argv[1], group_id=None, enable_auto_commit=False, consumer_timeout_ms=5000)
parts = [TopicPartition("kpy", n) for n in c.partitions_for_topic("kpy")]
c.assign(parts); c.seek_to_beginning()
got = [m.value for m in c]
assert sorted(got) == sorted(b"v%d" % i for i in range(1000)), len(got)
PY
echo "broker-data: kafka-python produced and consumed 1,000 records"

# --- crash test ---------------------------------------------------------------------------------------------------
cat >"$work/crash.py" <<'PY'
import sys, signal
from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1], "enable.idempotence": True, "acks": "all",
              "message.timeout.ms": 120000, "linger.ms": 2, "reconnect.backoff.max.ms": 200})
acked = open(sys.argv[2], "w")
stop = [False]
signal.signal(signal.SIGTERM, lambda *a: stop.__setitem__(0, True))
def done(err, msg):
    if err is None: acked.write(msg.value().decode() + "\n")
i = 0
while not stop[0]:
    try:
        p.produce("crash", value=str(i).encode(), partition=i % 3, on_delivery=done); i += 1
    except BufferError:
        p.poll(0.05)
    p.poll(0)
p.flush(60); acked.close()
print("sent", i)
PY
"$PY" "$work/crash.py" "$bs" "$work/acked" >"$work/crash.log" 2>&1 &
producer=$!
for round in 1 2 3 4 5; do
    sleep 1.5
    kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
    sleep 0.3
    start_broker
done
sleep 1.5
kill -TERM "$producer"; wait "$producer" || fail "the crash-test producer failed: $(cat "$work/crash.log")"
producer=""
timeout 60 "${KCATS[1]}" -b "$bs" -C -t crash -e -q -o beginning -f '%s\n' | sort -n >"$work/crash.read" || fail "reading crash back"
sort -n "$work/acked" >"$work/acked.sorted"
acked_count=$(wc -l <"$work/acked.sorted"); read_count=$(wc -l <"$work/crash.read")
dups=$(uniq -d "$work/crash.read" | wc -l)
missing=$(comm -23 "$work/acked.sorted" "$work/crash.read" | wc -l)
[ "$acked_count" -gt 1000 ] || fail "crash test: only $acked_count records acknowledged"
[ "$missing" -eq 0 ] || fail "crash test: $missing acknowledged records lost"
[ "$dups" -eq 0 ] || fail "crash test: $dups records duplicated"
echo "broker-data: crash test: 5 x kill -9; $acked_count acknowledged, $read_count read back, 0 lost, 0 duplicated"

echo "broker-data: all passed in $(( $(date +%s) - started )) s"
