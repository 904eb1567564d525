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
