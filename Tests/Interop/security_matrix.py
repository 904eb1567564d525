"""The security matrix of broker-security.sh against a running bundled broker: SCRAM users created with
confluent-kafka's AdminClient over PLAINTEXT, then PLAIN / SCRAM-SHA-256 / SCRAM-SHA-512 x SASL_PLAINTEXT /
SASL_SSL x right / wrong password with confluent-kafka (topic, produce, group consume) and kcat (librdkafka 2.16:
produce, consume), mutual TLS, and plaintext bytes on the TLS ports. Prints one table row per case and exits 1
on any failure. Passwords come from the environment (see broker-security.sh), never from the broker.
usage: security_matrix.py CONFIG_JSON
"""

import json
import os
import subprocess
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaException, Producer
from confluent_kafka.admin import (AdminClient, NewTopic, ScramCredentialInfo, ScramMechanism,
                                   UserScramCredentialUpsertion)

cfg = json.load(open(sys.argv[1]))
host = "127.0.0.1"
ports = cfg["ports"]
ca = cfg["ca"]
kcat = cfg["kcat"]
rows = []
failures = 0


def row(client, case, transport, expect, ok, detail, seconds):
    global failures
    rows.append((client, case, transport, expect, "PASS" if ok else "FAIL", "%.2fs" % seconds, detail))
    if not ok:
        failures += 1


def settings(transport, mechanism=None, user=None, password=None, cert=None):
    conf = {"bootstrap.servers": "%s:%d" % (host, ports[transport]), "security.protocol": cfg["protocols"][transport],
            "socket.timeout.ms": 10000}
    if mechanism:
        conf.update({"sasl.mechanism": mechanism, "sasl.username": user, "sasl.password": password})
    if cfg["protocols"][transport] in ("SSL", "SASL_SSL"):
        conf["ssl.ca.location"] = ca
    if cert:
        conf.update({"ssl.certificate.location": cert[0], "ssl.key.location": cert[1]})
    return conf


def end_to_end(conf):
    """Create a topic, produce 5 records, consume them in a group; returns a short detail."""
    topic = "sec-" + uuid.uuid4().hex[:8]
    admin = AdminClient(conf)
    admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])[topic].result(15)
    producer = Producer(dict(conf, **{"acks": "all", "message.timeout.ms": 15000}))
    for i in range(5):
        producer.produce(topic, key=b"k%d" % i, value=b"v%d" % i)
    if producer.flush(15) != 0:
        raise RuntimeError("produce did not complete")
    group = "g-" + topic
    consumer = Consumer(dict(conf, **{"group.id": group, "auto.offset.reset": "earliest",
                                      "session.timeout.ms": 6000, "enable.auto.commit": False}))
    consumer.subscribe([topic])
    got = []
    deadline = time.monotonic() + 30
    while len(got) < 5 and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None:
            continue
        if message.error():
            raise KafkaException(message.error())
        got.append(message.value())
    if len(got) == 5:
        consumer.commit(asynchronous=False)
    consumer.close()
    if sorted(got) != [b"v%d" % i for i in range(5)]:
        raise RuntimeError("consumed %r" % got)
    described = admin.describe_consumer_groups([group])[group].result(15)
    return "topic+produce+group(%s)" % described.state.name.lower()


def expect_auth_failure(conf):
    """A wrong password must fail fast with an authentication error (KafkaError._AUTHENTICATION)."""
    from confluent_kafka import KafkaError
    errors = []
    # log_level 0: librdkafka would log every reconnect attempt; the error callback is what is checked.
    producer = Producer(dict(conf, **{"error_cb": errors.append, "log_level": 0}))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(e.code() == KafkaError._AUTHENTICATION for e in errors):
        producer.poll(0.1)
    failures = [e for e in errors if e.code() == KafkaError._AUTHENTICATION]
    if not failures:
        raise RuntimeError("no authentication error within 10 s, got %r" % [str(e) for e in errors])
    text = failures[0].str()
    return "auth error: " + ("Invalid username or password" if "Invalid username" in text
                             else "invalid credentials" if "invalid credentials" in text else text[:60])


def run(client, case, transport, expect, fn):
    start = time.monotonic()
    try:
        detail = fn()
        ok = True
    except Exception as e:  # noqa: BLE001 - every failure is reported in the table
        detail, ok = "%s: %s" % (type(e).__name__, str(e)[:150]), False
    row(client, case, transport, expect, ok, detail, time.monotonic() - start)


def kcat_args(transport, mechanism=None, user=None, password=None, cert=None):
    args = [kcat, "-b", "%s:%d" % (host, ports[transport]), "-X", "security.protocol=" + cfg["protocols"][transport]]
    if mechanism:
        args += ["-X", "sasl.mechanisms=" + mechanism, "-X", "sasl.username=" + user, "-X", "sasl.password=" + password]
    if cfg["protocols"][transport] in ("SSL", "SASL_SSL"):
        args += ["-X", "ssl.ca.location=" + ca]
    if cert:
        args += ["-X", "ssl.certificate.location=" + cert[0], "-X", "ssl.key.location=" + cert[1]]
    return args


def kcat_round_trip(args):
    topic = "kcat-" + uuid.uuid4().hex[:8]
    produced = subprocess.run(args + ["-P", "-t", topic, "-K:"], input="a:1\nb:2\nc:3\n", text=True,
                              capture_output=True, timeout=60)
    if produced.returncode != 0:
        raise RuntimeError("kcat -P: " + produced.stderr.strip()[-200:])
    consumed = subprocess.run(args + ["-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%k=%s\\n"],
                              text=True, capture_output=True, timeout=60)
    if consumed.returncode != 0 or sorted(consumed.stdout.split()) != ["a=1", "b=2", "c=3"]:
        raise RuntimeError("kcat -C: %r %s" % (consumed.stdout, consumed.stderr.strip()[-200:]))
    return "produce+consume"


def kcat_auth_failure(args):
    result = subprocess.run(args + ["-L"], text=True, capture_output=True, timeout=30)
    if result.returncode == 0:
        raise RuntimeError("kcat -L succeeded with a wrong password")
    if "Authentication failed" not in result.stderr and "authentication" not in result.stderr.lower():
        raise RuntimeError("no authentication error: " + result.stderr.strip()[-200:])
    return "auth error, exit %d" % result.returncode


# 1. SCRAM users through AlterUserScramCredentials on the PLAINTEXT listener, as in KRaft.
def create_users():
    admin = AdminClient(settings("PLAINTEXT"))
    upserts = [UserScramCredentialUpsertion(cfg["user"], ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192),
                                            cfg["passwords"]["SCRAM-SHA-256"].encode()),
               UserScramCredentialUpsertion(cfg["user"], ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                                            cfg["passwords"]["SCRAM-SHA-512"].encode())]
    # One user per request: Kafka refuses a user altered twice in one request (DUPLICATE_RESOURCE).
    for upsert in upserts:
        for future in admin.alter_user_scram_credentials([upsert]).values():
            future.result(15)
    described = admin.describe_user_scram_credentials([cfg["user"]])[cfg["user"]].result(15)
    mechanisms = sorted((info.mechanism.name, info.iterations) for info in described.scram_credential_infos)
    if mechanisms != [("SCRAM_SHA_256", 8192), ("SCRAM_SHA_512", 4096)]:
        raise RuntimeError("described %r" % mechanisms)
    return "alice: SCRAM-SHA-256/8192, SCRAM-SHA-512/4096"


run("confluent-kafka", "alter+describe SCRAM users", "PLAINTEXT", "ok", create_users)

# 2. The SASL matrix.
for mechanism in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"):
    password = cfg["passwords"][mechanism]
    for transport in ("SASL_PLAINTEXT", "SASL_SSL"):
        right = settings(transport, mechanism, cfg["user"], password)
        wrong = settings(transport, mechanism, cfg["user"], cfg["wrong_password"])
        run("confluent-kafka", mechanism + " right", transport, "ok", lambda: end_to_end(right))
        run("confluent-kafka", mechanism + " wrong", transport, "auth error", lambda: expect_auth_failure(wrong))
        run("kcat 2.16", mechanism + " right", transport, "ok",
            lambda: kcat_round_trip(kcat_args(transport, mechanism, cfg["user"], password)))
        run("kcat 2.16", mechanism + " wrong", transport, "auth error",
            lambda: kcat_auth_failure(kcat_args(transport, mechanism, cfg["user"], cfg["wrong_password"])))


# kafka-python (pure Python SASL: SaslHandshake v1, then SaslAuthenticate) for each mechanism over SASL_SSL.
def kafka_python(mechanism, password):
    import ssl
    from kafka import KafkaConsumer, KafkaProducer
    from kafka.errors import KafkaError as PyKafkaError
    context = ssl.create_default_context(cafile=ca)
    common = dict(bootstrap_servers="%s:%d" % (host, ports["SASL_SSL"]), security_protocol="SASL_SSL",
                  ssl_context=context, sasl_mechanism=mechanism, sasl_plain_username=cfg["user"],
                  sasl_plain_password=password, request_timeout_ms=10000)

    def check():
        topic = "kp-" + uuid.uuid4().hex[:8]
        if password == cfg["wrong_password"]:
            return expect_kafka_python_auth_failure(common)
        producer = KafkaProducer(**common)
        producer.send(topic, b"hello").get(15)
        producer.close()
        consumer = KafkaConsumer(topic, group_id="g-" + topic, auto_offset_reset="earliest",
                                 consumer_timeout_ms=15000, **common)
        values = [next(consumer).value]
        consumer.close()
        if values != [b"hello"]:
            raise RuntimeError("consumed %r" % values)
        return "produce+group consume"
    return check


def expect_kafka_python_auth_failure(common):
    """kafka-python retries the bootstrap after an authentication error until its timeout; what matters is that
    the first attempt already fails with error 58 (seen in its log)."""
    import logging
    from kafka import KafkaProducer
    from kafka.errors import KafkaError as PyKafkaError
    seen = []

    class Collect(logging.Handler):
        def emit(self, record):
            if "SaslAuthenticationFailedError" in record.getMessage():
                seen.append(time.monotonic())

    handler = Collect()
    logger = logging.getLogger("kafka")
    logger.addHandler(handler)
    logger.propagate, propagate = False, logger.propagate
    start = time.monotonic()
    try:
        KafkaProducer(**dict(common, bootstrap_timeout_ms=3000))
        raise RuntimeError("connected with a wrong password")
    except PyKafkaError:
        pass
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    if not seen:
        raise RuntimeError("no SaslAuthenticationFailedError (58) from the broker")
    return "auth error 58 after %.2fs (then it retries until bootstrap_timeout_ms)" % (seen[0] - start)


for mechanism in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"):
    run("kafka-python", mechanism + " right", "SASL_SSL", "ok", kafka_python(mechanism, cfg["passwords"][mechanism]))
    run("kafka-python", mechanism + " wrong", "SASL_SSL", "auth error", kafka_python(mechanism, cfg["wrong_password"]))


# Our own tools: kafka-configs creates a SCRAM user, then kafka-topics / console producer / console consumer use
# it through --command-config and --producer.config files.
tools = cfg["tools"]


def tool(name, *args, stdin=None, timeout=60):
    return subprocess.run([os.path.join(tools, name)] + list(args), input=stdin, text=True, capture_output=True,
                          timeout=timeout)


def properties_file(name, lines):
    path = os.path.join(cfg["work"], name)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def sasl_ssl_properties(name, mechanism, user, password):
    module = ("org.apache.kafka.common.security.plain.PlainLoginModule" if mechanism == "PLAIN"
              else "org.apache.kafka.common.security.scram.ScramLoginModule")
    return properties_file(name, [
        "security.protocol=SASL_SSL", "sasl.mechanism=" + mechanism,
        'sasl.jaas.config=%s required username="%s" password="%s";' % (module, user, password),
        "ssl.truststore.type=PEM", "ssl.truststore.location=" + ca])


def our_scram_user():
    plaintext = "%s:%d" % (host, ports["PLAINTEXT"])
    altered = tool("kafka-configs", "--bootstrap-server", plaintext, "--alter", "--entity-type", "users",
                   "--entity-name", "carol", "--add-config",
                   "SCRAM-SHA-512=[iterations=8192,password=%s]" % cfg["passwords"]["tools"])
    if altered.returncode != 0:
        raise RuntimeError("kafka-configs --alter: " + (altered.stderr or altered.stdout).strip()[-200:])
    described = tool("kafka-configs", "--bootstrap-server", plaintext, "--describe", "--entity-type", "users",
                     "--entity-name", "carol")
    if "SCRAM-SHA-512=iterations=8192" not in described.stdout:
        raise RuntimeError("kafka-configs --describe: %r %s" % (described.stdout, described.stderr[-200:]))
    return described.stdout.strip().splitlines()[-1][:70]


def our_tools_end_to_end():
    bootstrap = "%s:%d" % (host, ports["SASL_SSL"])
    config = sasl_ssl_properties("carol.properties", "SCRAM-SHA-512", "carol", cfg["passwords"]["tools"])
    topic = "tools-" + uuid.uuid4().hex[:8]
    created = tool("kafka-topics", "--bootstrap-server", bootstrap, "--command-config", config, "--create",
                   "--topic", topic, "--partitions", "2")
    if created.returncode != 0:
        raise RuntimeError("kafka-topics --create: " + created.stderr.strip()[-200:])
    produced = tool("kafka-console-producer", "--bootstrap-server", bootstrap, "--producer.config", config,
                    "--topic", topic, stdin="one\ntwo\nthree\n")
    if produced.returncode != 0:
        raise RuntimeError("kafka-console-producer: " + produced.stderr.strip()[-200:])
    consumed = tool("kafka-console-consumer", "--bootstrap-server", bootstrap, "--command-config", config,
                    "--topic", topic, "--group", "g-" + topic, "--from-beginning", "--max-messages", "3",
                    "--timeout-ms", "20000")
    if sorted(consumed.stdout.split()) != ["one", "three", "two"]:
        raise RuntimeError("kafka-console-consumer: %r %s" % (consumed.stdout, consumed.stderr.strip()[-200:]))
    return "create+produce+group consume"


def our_tools_wrong_password():
    config = sasl_ssl_properties("carol-wrong.properties", "SCRAM-SHA-512", "carol", cfg["wrong_password"])
    listed = tool("kafka-topics", "--bootstrap-server", "%s:%d" % (host, ports["SASL_SSL"]), "--command-config",
                  config, "--list", timeout=30)
    if listed.returncode == 0 or "SASL authentication failed" not in listed.stderr:
        raise RuntimeError("exit %d: %s" % (listed.returncode, listed.stderr.strip()[-200:]))
    return listed.stderr.strip().splitlines()[-1][:90]


def our_tools_mutual_tls():
    config = properties_file("mtls.properties", [
        "security.protocol=SSL", "ssl.truststore.type=PEM", "ssl.truststore.location=" + ca,
        "ssl.keystore.type=PEM", "ssl.keystore.location=" + cfg["client_keystore_pem"]])
    listed = tool("kafka-topics", "--bootstrap-server", "%s:%d" % (host, ports["MTLS"]), "--command-config",
                  config, "--list")
    if listed.returncode != 0:
        raise RuntimeError("kafka-topics --list: " + listed.stderr.strip()[-200:])
    return "kafka-topics --list: %d topics" % len(listed.stdout.split())


run("kafka-configs", "alter+describe SCRAM user", "PLAINTEXT", "ok", our_scram_user)
run("our tools", "SCRAM-SHA-512 right", "SASL_SSL", "ok", our_tools_end_to_end)
run("kafka-topics", "SCRAM-SHA-512 wrong", "SASL_SSL", "auth error", our_tools_wrong_password)
run("kafka-topics", "mutual TLS (PEM keystore)", "MTLS", "ok", our_tools_mutual_tls)

# Our tools over the whole SASL matrix (alice's users were created above): kafka-topics --list through a
# --command-config file, PLAIN / SCRAM-SHA-256 / SCRAM-SHA-512 x SASL_PLAINTEXT / SASL_SSL x right / wrong.
def sasl_properties(name, transport, mechanism, user, password):
    module = ("org.apache.kafka.common.security.plain.PlainLoginModule" if mechanism == "PLAIN"
              else "org.apache.kafka.common.security.scram.ScramLoginModule")
    lines = ["security.protocol=" + transport, "sasl.mechanism=" + mechanism,
             'sasl.jaas.config=%s required username="%s" password="%s";' % (module, user, password)]
    if transport == "SASL_SSL":
        lines += ["ssl.truststore.type=PEM", "ssl.truststore.location=" + ca]
    return properties_file(name, lines)


def our_tools_list(transport, config):
    listed = tool("kafka-topics", "--bootstrap-server", "%s:%d" % (host, ports[transport]), "--command-config",
                  config, "--list", timeout=30)
    if listed.returncode != 0:
        raise RuntimeError("kafka-topics --list: " + listed.stderr.strip()[-200:])
    return "kafka-topics --list: %d topics" % len(listed.stdout.split())


def our_tools_refused(transport, config, expected, within=5.0):
    """kafka-topics --list must exit 1 within `within` seconds with one stderr line containing `expected`."""
    started = time.time()
    listed = tool("kafka-topics", "--bootstrap-server", "%s:%d" % (host, ports[transport]), "--command-config",
                  config, "--list", timeout=60)
    took = time.time() - started
    lines = listed.stderr.strip().splitlines()
    if listed.returncode != 1 or len(lines) != 1 or expected not in lines[0] or took > within:
        raise RuntimeError("exit %d after %.1fs: %s" % (listed.returncode, took, listed.stderr.strip()[-300:]))
    for secret in list(cfg["passwords"].values()) + [cfg["wrong_password"]]:
        if secret in listed.stderr or secret in listed.stdout:
            raise RuntimeError("a password was printed")
    return lines[0].split("ERROR ", 1)[-1][:90]


for mechanism in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"):
    for transport in ("SASL_PLAINTEXT", "SASL_SSL"):
        right = sasl_properties("alice-%s-%s.properties" % (mechanism, transport), transport, mechanism, cfg["user"],
                                cfg["passwords"][mechanism])
        wrong = sasl_properties("alice-%s-%s-wrong.properties" % (mechanism, transport), transport, mechanism,
                                cfg["user"], cfg["wrong_password"])
        run("kafka-topics", mechanism + " right", transport, "ok", lambda t=transport, c=right: our_tools_list(t, c))
        run("kafka-topics", mechanism + " wrong", transport, "auth error",
            lambda t=transport, c=wrong: our_tools_refused(t, c, "SASL authentication failed"))


# Truststores as real client.properties files name them: a JKS made with keytool -storetype JKS, and what a
# current JDK's keytool makes by default (PKCS12, here under a .jks name with Kafka's default type JKS).
def keytool_truststore(name, *extra):
    path = os.path.join(cfg["work"], name)
    subprocess.run(["keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", ca, "-keystore", path,
                    "-storepass", cfg["store_password"]] + list(extra), check=True, capture_output=True, timeout=60)
    return path


def our_tools_truststore(name, *extra, password=None, expected=None):
    def probe():
        store = keytool_truststore(name, *extra)
        lines = ["security.protocol=SSL", "ssl.truststore.location=" + store,
                 "ssl.truststore.password=" + (password or cfg["store_password"])]
        if "-storetype" in extra:
            lines.append("ssl.truststore.type=" + extra[extra.index("-storetype") + 1])
        config = properties_file(name + ".properties", lines)
        if expected:
            return our_tools_refused("SSL", config, expected)
        return our_tools_list("SSL", config)
    return probe


run("kafka-topics", "JKS truststore (keytool)", "SSL", "ok", our_tools_truststore("ts-jks.jks", "-storetype", "JKS"))
run("kafka-topics", "keytool default truststore", "SSL", "ok", our_tools_truststore("ts-default.jks"))
run("kafka-topics", "JKS truststore, wrong password", "SSL", "refused",
    our_tools_truststore("ts-wrong.jks", "-storetype", "JKS", password=cfg["wrong_password"],
                         expected="password was incorrect"))


def untrusted_ca():
    other = os.path.join(cfg["work"], "other-ca")
    os.makedirs(other, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", other + "/ca.key",
                    "-out", other + "/ca.pem", "-days", "1", "-subj", "/CN=other-ca"], check=True, capture_output=True)
    config = properties_file("untrusted.properties", [
        "security.protocol=SSL", "ssl.truststore.type=PEM", "ssl.truststore.location=" + other + "/ca.pem"])
    return our_tools_refused("SSL", config, "certificate verify failed")


run("kafka-topics", "untrusted server certificate", "SSL", "refused", untrusted_ca)
run("kafka-topics", "PLAINTEXT client on TLS port", "SSL", "refused",
    lambda: our_tools_refused("SSL", properties_file("plain.properties", ["security.protocol=PLAINTEXT"]),
                              "security.protocol"))


# An unknown SCRAM user fails exactly like a wrong password.
run("confluent-kafka", "SCRAM-SHA-256 unknown user", "SASL_PLAINTEXT", "auth error",
    lambda: expect_auth_failure(settings("SASL_PLAINTEXT", "SCRAM-SHA-256", "mallory", cfg["wrong_password"])))

# 3. TLS: server-auth only, mutual TLS, and mutual TLS without a client certificate.
client_cert = (cfg["client_cert"], cfg["client_key"])
run("confluent-kafka", "TLS", "SSL", "ok", lambda: end_to_end(settings("SSL")))
run("kcat 2.16", "TLS", "SSL", "ok", lambda: kcat_round_trip(kcat_args("SSL")))
run("confluent-kafka", "mutual TLS", "MTLS", "ok", lambda: end_to_end(settings("MTLS", cert=client_cert)))
run("kcat 2.16", "mutual TLS", "MTLS", "ok", lambda: kcat_round_trip(kcat_args("MTLS", cert=client_cert)))


def mtls_without_certificate():
    result = subprocess.run(kcat_args("MTLS") + ["-L", "-m", "5"], text=True, capture_output=True, timeout=30)
    if result.returncode == 0:
        raise RuntimeError("metadata without a client certificate")
    return "refused, exit %d" % result.returncode


run("kcat 2.16", "mutual TLS, no client cert", "MTLS", "refused", mtls_without_certificate)



# The mutual-TLS principal as the authorizer sees it: only User:CN=client,OU=test,O=org may use topic mtls-only
# (the broker runs StandardAuthorizer with allow.everyone.if.no.acl.found=true, so nothing else is restricted).
def mtls_principal_acl():
    from confluent_kafka import KafkaError
    from confluent_kafka.admin import AclBinding, AclOperation, AclPermissionType, ResourcePatternType, ResourceType
    admin = AdminClient(settings("PLAINTEXT"))
    admin.create_topics([NewTopic("mtls-only", num_partitions=1, replication_factor=1)])["mtls-only"].result(15)
    binding = AclBinding(ResourceType.TOPIC, "mtls-only", ResourcePatternType.LITERAL, cfg["client_principal"], "*",
                         AclOperation.ALL, AclPermissionType.ALLOW)
    admin.create_acls([binding])[binding].result(15)

    def produce(conf):
        reports = []
        producer = Producer(dict(conf, **{"message.timeout.ms": 10000, "log_level": 0}))
        producer.produce("mtls-only", b"x", on_delivery=lambda err, msg: reports.append(err))
        producer.flush(15)
        return reports[0] if reports else "no delivery report"

    allowed = produce(settings("MTLS", cert=client_cert))
    if allowed is not None:
        raise RuntimeError("the certificate's principal was refused: %s" % allowed)
    denied = produce(settings("SSL"))
    if getattr(denied, "code", lambda: None)() != KafkaError.TOPIC_AUTHORIZATION_FAILED:
        raise RuntimeError("User:ANONYMOUS was not refused: %s" % denied)
    return "%s allowed, User:ANONYMOUS refused" % cfg["client_principal"]


run("confluent-kafka", "mTLS principal via ACL", "MTLS", "ok", mtls_principal_acl)

# 4. Plaintext Kafka bytes on the TLS ports: no Kafka answer, the connection is closed.
def plaintext_on_tls(transport):
    def probe():
        import socket
        import struct
        body = struct.pack(">hhih", 18, 3, 1, 4) + b"test" + b"\x00\x04test\x041.0\x00"
        with socket.create_connection((host, ports[transport]), timeout=10) as s:
            s.sendall(struct.pack(">i", len(body)) + body)
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        # A TLS alert record (0x15) or nothing: never a Kafka response with our correlation id.
        if len(data) >= 8 and data[4:8] == struct.pack(">i", 1):
            raise RuntimeError("got a Kafka response on a TLS port")
        result = subprocess.run([kcat, "-b", "%s:%d" % (host, ports[transport]), "-L", "-m", "5"],
                                text=True, capture_output=True, timeout=30)
        if result.returncode == 0:
            raise RuntimeError("kcat with security.protocol=PLAINTEXT got metadata from a TLS port")
        return "closed (%d bytes: %s)" % (len(data), "TLS alert" if data[:1] == b"\x15" else "none")
    return probe


for transport in ("SSL", "SASL_SSL"):
    run("raw socket + kcat", "plaintext client on TLS port", transport, "refused", plaintext_on_tls(transport))

widths = [max(len(str(r[i])) for r in rows + [("client", "case", "listener", "expect", "result", "time", "detail")])
          for i in range(7)]
header = ("client", "case", "listener", "expect", "result", "time", "detail")
for line in [header] + rows:
    print("  ".join(str(v).ljust(widths[i]) for i, v in enumerate(line)).rstrip())
print("broker-security: %d passed, %d failed" % (len(rows) - failures, failures))
sys.exit(1 if failures else 0)
