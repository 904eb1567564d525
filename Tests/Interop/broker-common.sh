# Shared by the broker interop scripts (source it): a free loopback port, and a KRaft-style
# server.properties for one combined node, as a user would write it.

# free_port: prints a TCP port that is free on 127.0.0.1 right now.
free_port() {
    "${PYTHON:-python3}" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# write_server_properties FILE PORT LOG_DIR [EXTRA_LINE...]: the PLAINTEXT listener on PORT (advertised as is),
# a CONTROLLER listener the broker accepts and ignores, the log dir, then any extra `key=value` lines.
write_server_properties() {
    local file=$1 port=$2 logs=$3
    shift 3
    {
        echo "process.roles=broker,controller"
        echo "node.id=1"
        echo "controller.quorum.bootstrap.servers=127.0.0.1:9093"
        echo "listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:9093"
        echo "advertised.listeners=PLAINTEXT://127.0.0.1:$port"
        echo "controller.listener.names=CONTROLLER"
        echo "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
        echo "log.dirs=$logs"
        printf '%s\n' "$@"
    } >"$file"
}

# start_broker BIN PROPERTIES LOG: starts the broker in the background with its output in LOG, sets broker_pid,
# and waits (10 s at most) for "Kafka Server started"; returns 1 if it exited or did not start in time.
start_broker() {
    "$1" "$2" >"$3" 2>&1 &
    broker_pid=$!
    for _ in $(seq 1 200); do
        grep -q "Kafka Server started" "$3" && return 0
        kill -0 "$broker_pid" 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}

# stop_broker: SIGTERM, then the broker's exit status (non-zero unless it exited 0 within 10 s); clears broker_pid.
stop_broker() {
    local status=0
    kill -TERM "$broker_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$broker_pid" 2>/dev/null; then kill -KILL "$broker_pid" 2>/dev/null || true; status=1; fi
    wait "$broker_pid" 2>/dev/null || status=1
    broker_pid=""
    return "$status"
}

# kill_broker: for an EXIT trap: stops a broker still running (SIGTERM, then SIGKILL after 0.5 s).
kill_broker() {
    if [ -n "${broker_pid:-}" ] && kill -0 "$broker_pid" 2>/dev/null; then
        kill -TERM "$broker_pid" 2>/dev/null || true; sleep 0.5; kill -KILL "$broker_pid" 2>/dev/null || true
    fi
}
