#!/usr/bin/env bash
# The bundled broker's TLS and SASL listeners against real clients (issue 7). Generates a CA, a server
# certificate (SAN 127.0.0.1 and localhost) and a client certificate with openssl into a temp dir, starts
# kafka-server-start with PLAINTEXT, SSL, MTLS (SSL with ssl.client.auth=required), SASL_PLAINTEXT and SASL_SSL
# listeners, creates SCRAM users with confluent-kafka's AdminClient, then runs security_matrix.py: PLAIN,
# SCRAM-SHA-256, SCRAM-SHA-512 x SASL_PLAINTEXT/SASL_SSL x right/wrong password with confluent-kafka and kcat
# (librdkafka 2.16), the same mechanisms over SASL_SSL with kafka-python, our own tools (kafka-configs creates a
# SCRAM user; kafka-topics and the console producer/consumer use it through --command-config files), mutual TLS,
# the mTLS principal as the authorizer sees it (an ACL for User:CN=client,OU=test,O=org), plaintext clients on
# the TLS ports. Finally greps the broker log: no password may appear in it. Prints a result table; exits non-zero on any failure. Always stops the broker (by pid).
# usage: Tests/Interop/broker-security.sh   (needs a debug build, openssl and scripts/install-test-peers)
# Env: KAFKA_SERVER_START (binary; default: the debug build's), PYTHON (python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/broker-common.sh"
root=$(cd "$here/../.." && pwd)
PY=${PYTHON:-python3}
bin=${KAFKA_SERVER_START:-$(cd "$root" && swift build --show-bin-path)/kafka-server-start}
[ -x "$bin" ] || { echo "broker-security: $bin not built (run swift build)" >&2; exit 2; }
command -v openssl >/dev/null || { echo "broker-security: openssl not found" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/broker-security.XXXXXX")
broker_pid=""
cleanup() {
    kill_broker
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "broker-security: FAILED: $*" >&2
    echo "--- broker log (last 40 lines) ---" >&2; tail -40 "$work/broker.log" >&2 || true
    exit 1
}

# Passwords are random per run, so a match in the log can only come from this run.
rand() { "$PY" -c 'import secrets; print(secrets.token_hex(8))'; }
plain_pw="plain-$(rand)"; scram256_pw="s256-$(rand)"; scram512_pw="s512-$(rand)"; wrong_pw="wrong-$(rand)"
store_pw="store-$(rand)"; admin_pw="admin-$(rand)"; tools_pw="tools-$(rand)"

# Certificates: a CA, the server (SAN 127.0.0.1, localhost), a client (CN=client,OU=test,O=org).
certs="$work/certs"; mkdir -p "$certs"
(
    cd "$certs"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=test-ca" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
        -extfile server.ext 2>/dev/null
    openssl pkcs12 -export -in server.pem -inkey server.key -certfile ca.pem -name server \
        -out server.p12 -passout "pass:$store_pw"
    openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj "/O=org/OU=test/CN=client" 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2 \
        -extfile client.ext 2>/dev/null
    cat client.key client.pem >client-keystore.pem  # Kafka's PEM keystore file: key and certificate chain
) || fail "openssl could not make the certificates"

p_plain=$(free_port); p_ssl=$(free_port); p_mtls=$(free_port); p_sasl=$(free_port); p_sasl_ssl=$(free_port)
jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$admin_pw\" user_admin=\"$admin_pw\" user_alice=\"$plain_pw\";"
cat >"$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:9093
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$p_plain,SSL://127.0.0.1:$p_ssl,MTLS://127.0.0.1:$p_mtls,SASL_PLAINTEXT://127.0.0.1:$p_sasl,SASL_SSL://127.0.0.1:$p_sasl_ssl,CONTROLLER://127.0.0.1:9093
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL,MTLS:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT
log.dirs=$work/logs
num.partitions=1
group.initial.rebalance.delay.ms=0
ssl.keystore.type=PKCS12
ssl.keystore.location=$certs/server.p12
ssl.keystore.password=$store_pw
ssl.truststore.type=PEM
ssl.truststore.location=$certs/ca.pem
listener.name.mtls.ssl.client.auth=required
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=true
listener.name.sasl_plaintext.plain.sasl.jaas.config=$jaas
listener.name.sasl_ssl.plain.sasl.jaas.config=$jaas
PROPS

start_broker "$bin" "$work/server.properties" "$work/broker.log" || fail "the broker did not start"

cat >"$work/matrix.json" <<JSON
{"ports": {"PLAINTEXT": $p_plain, "SSL": $p_ssl, "MTLS": $p_mtls, "SASL_PLAINTEXT": $p_sasl, "SASL_SSL": $p_sasl_ssl},
 "protocols": {"PLAINTEXT": "PLAINTEXT", "SSL": "SSL", "MTLS": "SSL", "SASL_PLAINTEXT": "SASL_PLAINTEXT", "SASL_SSL": "SASL_SSL"},
 "ca": "$certs/ca.pem", "client_cert": "$certs/client.pem", "client_key": "$certs/client.key",
 "kcat": "$root/scripts/kcat-new", "user": "alice", "tools": "$(dirname "$bin")", "work": "$work",
 "client_keystore_pem": "$certs/client-keystore.pem", "client_principal": "User:CN=client,OU=test,O=org",
 "passwords": {"PLAIN": "$plain_pw", "SCRAM-SHA-256": "$scram256_pw", "SCRAM-SHA-512": "$scram512_pw", "tools": "$tools_pw"},
 "wrong_password": "$wrong_pw", "store_password": "$store_pw"}
JSON

status=0
timeout 600 "$PY" "$here/security_matrix.py" "$work/matrix.json" || status=$?

# No password (nor the keystore password) in the broker log; the failures are logged Kafka's way.
leaks=0
for secret in "$plain_pw" "$scram256_pw" "$scram512_pw" "$wrong_pw" "$store_pw" "$admin_pw" "$tools_pw"; do
    if grep -qF -- "$secret" "$work/broker.log"; then leaks=$((leaks + 1)); fi
done
if [ "$leaks" -ne 0 ]; then
    echo "broker-security: FAIL: $leaks password(s) found in the broker log" >&2; status=1
else
    echo "broker-security: no password in the broker log ($(wc -l <"$work/broker.log") lines)"
fi
grep -q "Failed authentication with /127.0.0.1.*(SSL handshake failed)" "$work/broker.log" \
    || { echo "broker-security: FAIL: no 'SSL handshake failed' line for the plaintext client" >&2; status=1; }
grep -q "Failed authentication with /127.0.0.1.*(Authentication failed: Invalid username or password)" "$work/broker.log" \
    || { echo "broker-security: FAIL: no failed PLAIN authentication line" >&2; status=1; }

stop_broker || { echo "broker-security: FAIL: the broker did not exit 0 on SIGTERM" >&2; status=1; }
[ "$status" -eq 0 ] || { echo "--- broker log (last 30 lines) ---" >&2; tail -30 "$work/broker.log" >&2; }
exit "$status"
