"""ACL scenario with confluent-kafka against the bundled broker's SASL_PLAINTEXT listener (PLAIN).

  acl_driver.py BOOTSTRAP [RESULTS_JSON]

The broker must run with
  authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
  super.users=User:admin
  a SASL_PLAINTEXT listener at BOOTSTRAP with sasl.enabled.mechanisms=PLAIN and the users
  admin/admin-secret and alice/alice-secret (listener.name.<l>.plain.sasl.jaas.config user_<name>=...)
and no ACLs yet (broker-acl.sh starts one).

Steps: the super user creates two topics and ACLs for alice (create_acls), lists them (describe_acls);
alice may produce to and consume (with a group of the allowed prefix) from acl-ok, is refused on acl-denied
(TOPIC_AUTHORIZATION_FAILED), with another group (GROUP_AUTHORIZATION_FAILED), when creating a topic
(TOPIC_AUTHORIZATION_FAILED) and when listing ACLs (CLUSTER_AUTHORIZATION_FAILED, seen with kafka-python: librdkafka
drops that code); the super user deletes her
WRITE ACL (delete_acls) and her next produce is refused. Exits 1 when a step failed.
"""
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer
from confluent_kafka.admin import (
    AclBinding,
    AclBindingFilter,
    AclOperation,
    AclPermissionType,
    AdminClient,
    NewTopic,
    ResourcePatternType,
    ResourceType,
)

from interop_common import Steps, check

RUN = uuid.uuid4().hex[:8]
TOPIC_OK = "acl-ok-" + RUN
TOPIC_DENIED = "acl-denied-" + RUN
GROUP_PREFIX = "acl-group-"
TIMEOUT = 15


def sasl(bootstrap, user, password, **extra):
    config = {
        "bootstrap.servers": bootstrap,
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "PLAIN",
        "sasl.username": user,
        "sasl.password": password,
    }
    config.update(extra)
    return config


def alice_acls():
    allow = AclPermissionType.ALLOW
    return [
        AclBinding(ResourceType.TOPIC, TOPIC_OK, ResourcePatternType.LITERAL, "User:alice", "*", AclOperation.WRITE, allow),
        AclBinding(ResourceType.TOPIC, TOPIC_OK, ResourcePatternType.LITERAL, "User:alice", "*", AclOperation.READ, allow),
        AclBinding(ResourceType.GROUP, GROUP_PREFIX, ResourcePatternType.PREFIXED, "User:alice", "*", AclOperation.READ, allow),
    ]


def alice_filter(resource_type=ResourceType.ANY, name=None, operation=AclOperation.ANY):
    return AclBindingFilter(resource_type, name, ResourcePatternType.ANY, "User:alice", None, operation, AclPermissionType.ANY)


def produce(config, topic, value):
    """The delivery error code of one record (None when it was written)."""
    results = []
    producer = Producer(dict(config, **{"message.timeout.ms": 10000}))
    producer.produce(topic, value=value, on_delivery=lambda err, msg: results.append(err))
    producer.flush(TIMEOUT)
    check(results, "no delivery report for %s" % topic)
    return None if results[0] is None else results[0].code()


def consume(config, group, topic):
    """(first record value, None) or (None, error code) from a group consumer of `topic`."""
    consumer = Consumer(dict(config, **{"group.id": group, "auto.offset.reset": "earliest", "session.timeout.ms": 6000}))
    consumer.subscribe([topic])
    deadline = time.time() + TIMEOUT
    try:
        while time.time() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    continue
                return None, msg.error().code()
            consumer.commit(message=msg, asynchronous=False)
            return msg.value(), None
        return None, None
    finally:
        consumer.close()


def main():
    bootstrap = sys.argv[1]
    results_path = sys.argv[2] if len(sys.argv) > 2 else None
    admin_config = sasl(bootstrap, "admin", "admin-secret")
    alice_config = sasl(bootstrap, "alice", "alice-secret")
    admin = AdminClient(admin_config)
    alice_admin = AdminClient(alice_config)
    steps = Steps("acl-confluent")

    def create_topics():
        futures = admin.create_topics([NewTopic(t, num_partitions=1, replication_factor=1) for t in (TOPIC_OK, TOPIC_DENIED)])
        for future in futures.values():
            future.result(TIMEOUT)
        return "%s, %s" % (TOPIC_OK, TOPIC_DENIED)

    def create_acls():
        futures = admin.create_acls(alice_acls())
        for future in futures.values():
            check(future.result(TIMEOUT) is None, "create_acls failed")
        return "%d ACLs" % len(futures)

    def describe_acls():
        found = admin.describe_acls(alice_filter()).result(TIMEOUT)
        check(sorted(map(str, found)) == sorted(map(str, alice_acls())), "describe_acls gave %s" % found)
        prefixed = admin.describe_acls(
            AclBindingFilter(ResourceType.GROUP, GROUP_PREFIX + "x", ResourcePatternType.MATCH, None, None,
                             AclOperation.ANY, AclPermissionType.ANY)).result(TIMEOUT)
        check(len(prefixed) == 1, "a MATCH filter for group %sx found %s" % (GROUP_PREFIX, prefixed))
        return "%d bindings" % len(found)

    def produce_allowed():
        code = produce(alice_config, TOPIC_OK, b"from alice")
        check(code is None, "produce to %s failed with %s" % (TOPIC_OK, code))

    def produce_denied():
        code = produce(alice_config, TOPIC_DENIED, b"refused")
        check(code == KafkaError.TOPIC_AUTHORIZATION_FAILED, "produce to %s: %s" % (TOPIC_DENIED, code))

    def consume_allowed():
        value, code = consume(alice_config, GROUP_PREFIX + RUN, TOPIC_OK)
        check(code is None and value == b"from alice", "consume with an allowed group: %s / %s" % (value, code))

    def consume_wrong_group():
        value, code = consume(alice_config, "other-group-" + RUN, TOPIC_OK)
        check(code == KafkaError.GROUP_AUTHORIZATION_FAILED, "consume with another group: %s / %s" % (value, code))

    def create_topic_denied():
        future = alice_admin.create_topics([NewTopic("alice-new-" + RUN, num_partitions=1, replication_factor=1)])
        try:
            list(future.values())[0].result(TIMEOUT)
        except KafkaException as e:
            check(e.args[0].code() == KafkaError.TOPIC_AUTHORIZATION_FAILED, "create_topics: %s" % e)
            return
        raise AssertionError("alice created a topic without CREATE")

    def describe_acls_denied():
        # librdkafka drops DescribeAcls's top-level error code (rd_kafka_DescribeAclsResponse_parse returns
        # NO_ERROR whatever it read), so confluent-kafka only sees an empty list; kafka-python shows the code.
        listed = alice_admin.describe_acls(alice_filter()).result(TIMEOUT)
        check(listed == [], "confluent-kafka listed ACLs for alice: %s" % listed)
        from kafka.admin import (ACLFilter, ACLOperation, ACLPermissionType, ACLResourcePatternType,
                                 KafkaAdminClient, ResourcePatternFilter)
        from kafka.admin import ResourceType as KPResourceType
        from kafka.errors import ClusterAuthorizationFailedError
        client = KafkaAdminClient(bootstrap_servers=bootstrap, security_protocol="SASL_PLAINTEXT",
                                  sasl_mechanism="PLAIN", sasl_plain_username="alice",
                                  sasl_plain_password="alice-secret")
        try:
            client.describe_acls(ACLFilter(
                principal="User:alice", host="*", operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                resource_pattern=ResourcePatternFilter(KPResourceType.ANY, None, ACLResourcePatternType.ANY)))
        except ClusterAuthorizationFailedError:
            return "kafka-python: CLUSTER_AUTHORIZATION_FAILED; confluent-kafka: [] (librdkafka drops the code)"
        finally:
            client.close()
        raise AssertionError("alice listed ACLs without DESCRIBE on the cluster")

    def delete_acls():
        futures = admin.delete_acls([alice_filter(ResourceType.TOPIC, TOPIC_OK, AclOperation.WRITE)])
        deleted = list(futures.values())[0].result(TIMEOUT)
        check(len(deleted) == 1, "delete_acls removed %s" % deleted)
        left = admin.describe_acls(alice_filter()).result(TIMEOUT)
        check(len(left) == 2, "after delete_acls: %s" % left)
        code = produce(alice_config, TOPIC_OK, b"no longer")
        check(code == KafkaError.TOPIC_AUTHORIZATION_FAILED, "produce after delete_acls: %s" % code)

    for name, step in [
        ("create topics (super user)", create_topics),
        ("create_acls", create_acls),
        ("describe_acls", describe_acls),
        ("alice produces to the allowed topic", produce_allowed),
        ("alice refused on the other topic", produce_denied),
        ("alice consumes with her group", consume_allowed),
        ("alice refused with another group", consume_wrong_group),
        ("alice refused creating a topic", create_topic_denied),
        ("alice refused listing ACLs", describe_acls_denied),
        ("delete_acls, then produce refused", delete_acls),
    ]:
        steps.run(name, step)
    print("%d passed, %d failed" % (
        sum(r["status"] == "ok" for r in steps.results), sum(r["status"] == "FAILED" for r in steps.results)))
    steps.finish(results_path)


if __name__ == "__main__":
    main()
