"""Consumer-group scenarios for broker-groups.sh, one per subcommand, against BOOTSTRAP.

  produce BOOTSTRAP TOPIC PARTITIONS COUNT     create the topic, write COUNT keyed records (kafka-python)
  kafkapython BOOTSTRAP TOPIC GROUP COUNT      3 kafka-python consumers (range), checks while they run
  confluent BOOTSTRAP TOPIC GROUP COUNT        3 confluent-kafka consumers (cooperative-sticky), the same
  committed BOOTSTRAP GROUP TOPIC              committed offsets == log end offsets, read with both admin clients
  state BOOTSTRAP GROUP STATE                  describe_groups / list_groups (both clients) report STATE
  static BOOTSTRAP TOPIC GROUP                 a static member restarts without a rebalance of the other one

Each prints one summary line and exits non-zero (with the reason) on failure.
"""
import sys
import threading
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.coordinator.assignors.range import RangePartitionAssignor

SESSION_MS = 6000


def fail(message):
    print(f"groups_driver: {message}", file=sys.stderr)
    sys.exit(1)


def wait_until(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    fail(f"timed out after {timeout} s waiting for {what}")


def produce(bootstrap, topic, partitions, count):
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics([NewTopic(topic, int(partitions), 1)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    for i in range(int(count)):
        producer.send(topic, key=b"k%d" % i, value=b"%d" % i)
    producer.flush(30)
    producer.close()
    print(f"produced {count} records to {topic}")


def listed_names(listed):
    return {g["group_id"] if isinstance(g, dict) else g[0] for g in listed}


def end_offsets(bootstrap, topic):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
    ends = consumer.end_offsets(parts)
    consumer.close()
    return {(tp.topic, tp.partition): offset for tp, offset in ends.items()}


def check_group_while_running(bootstrap, group, protocol, members):
    """describe/list answers for a Stable group, and DeleteGroups refused (kafka-python and confluent-kafka)."""
    from confluent_kafka import ConsumerGroupState
    from confluent_kafka.admin import AdminClient

    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    described = admin.describe_groups([group])[group]
    found = (described["group_state"], len(described["members"]), described["protocol_data"], described["error"])
    if found != ("Stable", members, protocol, None):
        fail(f"kafka-python describe_groups({group}): {found}")
    if group not in listed_names(admin.list_groups()):
        fail(f"kafka-python list_groups lacks {group}")
    answer = repr(admin.delete_groups([group]))
    if "NonEmptyGroup" not in answer:
        fail(f"DeleteGroups of a group with members answered {answer}")
    admin.close()

    cadmin = AdminClient({"bootstrap.servers": bootstrap})
    result = cadmin.describe_consumer_groups([group])[group].result(20)
    if result.state != ConsumerGroupState.STABLE or len(result.members) != members:
        fail(f"confluent describe_consumer_groups({group}): {result.state} {len(result.members)}")
    if result.partition_assignor != protocol:
        fail(f"confluent describe_consumer_groups({group}): assignor {result.partition_assignor}")
    stable = cadmin.list_consumer_groups(states={ConsumerGroupState.STABLE}).result(20)
    if group not in {g.group_id for g in stable.valid}:
        fail(f"confluent list_consumer_groups(STABLE) lacks {group}")
    future = cadmin.delete_consumer_groups([group])[group]
    try:
        future.result(20)
        fail(f"confluent delete_consumer_groups({group}) succeeded while members exist")
    except Exception as error:  # KafkaException(NON_EMPTY_GROUP)
        if "NON_EMPTY_GROUP" not in str(error):
            fail(f"confluent delete_consumer_groups({group}): {error}")


def run_group(bootstrap, topic, group, count, make_consumer, poll, assignment_of, commit, close, protocol):
    count = int(count)
    consumers = [make_consumer(i) for i in range(3)]
    seen = [[] for _ in consumers]
    # Each consumer is touched only by its own thread (neither client is meant to be shared across threads).
    owned = [set() for _ in consumers]
    stop = threading.Event()
    lock = threading.Lock()

    def loop(index):
        consumer = consumers[index]
        while not stop.is_set():
            records = poll(consumer)
            if records:
                with lock:
                    seen[index].extend(records)
                commit(consumer)
            current = assignment_of(consumer)
            with lock:
                owned[index] = current
        close(consumer)

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(3)]
    for thread in threads:
        thread.start()

    def total():
        with lock:
            return sum(len(s) for s in seen)

    wait_until(lambda: total() >= count, 90, f"{count} records in {group} (have {total()})")
    partitions = set(end_offsets(bootstrap, topic))

    def settled():
        with lock:
            current = list(owned)
        flat = [tp for o in current for tp in o]
        return all(current) and len(flat) == len(set(flat)) and set(flat) == partitions

    wait_until(settled, 60, f"a disjoint assignment of every partition of {topic} to the 3 members of {group}")
    time.sleep(0.5)
    check_group_while_running(bootstrap, group, protocol, 3)
    stop.set()
    for thread in threads:
        thread.join(30)
    values = sorted(int(v) for s in seen for v in s)
    if values != list(range(count)):
        dups = len(values) - len(set(values))
        fail(f"{group}: consumed {len(values)} records ({dups} duplicates), expected each of {count} once")
    print(f"{group}: 3 members, disjoint assignment of {len(partitions)} partitions, {count} records consumed once")


def kafkapython(bootstrap, topic, group, count):
    def make(i):
        consumer = KafkaConsumer(
            bootstrap_servers=bootstrap, group_id=group, client_id=f"kp-{i}", auto_offset_reset="earliest",
            enable_auto_commit=False, session_timeout_ms=SESSION_MS, heartbeat_interval_ms=1000,
            partition_assignment_strategy=[RangePartitionAssignor], max_poll_records=200)
        consumer.subscribe([topic])
        return consumer

    def poll(consumer):
        batches = consumer.poll(timeout_ms=200)
        return [m.value.decode() for records in batches.values() for m in records]

    run_group(
        bootstrap, topic, group, count, make, poll,
        lambda c: {(tp.topic, tp.partition) for tp in c.assignment()},
        lambda c: c.commit(), lambda c: c.close(), "range")


def confluent(bootstrap, topic, group, count):
    from confluent_kafka import Consumer

    def make(i):
        consumer = Consumer({
            "bootstrap.servers": bootstrap, "group.id": group, "client.id": f"ck-{i}",
            "auto.offset.reset": "earliest", "enable.auto.commit": False, "session.timeout.ms": SESSION_MS,
            "heartbeat.interval.ms": 1000, "partition.assignment.strategy": "cooperative-sticky"})
        consumer.subscribe([topic])
        return consumer

    def poll(consumer):
        messages = consumer.consume(200, 0.2)
        values = [m.value().decode() for m in messages if m.error() is None]
        return values

    def commit(consumer):
        try:
            consumer.commit(asynchronous=False)
        except Exception as error:  # a commit racing a cooperative rebalance; the next poll commits again
            if "REBALANCE" not in str(error) and "NO_OFFSET" not in str(error):
                raise

    run_group(
        bootstrap, topic, group, count, make, poll,
        lambda c: {(tp.topic, tp.partition) for tp in c.assignment()},
        commit, lambda c: c.close(), "cooperative-sticky")


def committed(bootstrap, group, topic):
    from confluent_kafka import ConsumerGroupTopicPartitions
    from confluent_kafka.admin import AdminClient

    ends = end_offsets(bootstrap, topic)
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    offsets = admin.list_group_offsets({group: None})[group]
    admin.close()
    got = {(tp.topic, tp.partition): meta.offset for tp, meta in offsets.items() if tp.topic == topic}
    if got != ends:
        fail(f"kafka-python list_group_offsets({group}) = {sorted(got.items())}, log end = {sorted(ends.items())}")
    cadmin = AdminClient({"bootstrap.servers": bootstrap})
    request = ConsumerGroupTopicPartitions(group)
    result = cadmin.list_consumer_group_offsets([request])[group].result(20)
    got = {(tp.topic, tp.partition): tp.offset for tp in result.topic_partitions if tp.topic == topic}
    if got != ends:
        fail(f"confluent list_consumer_group_offsets({group}) = {sorted(got.items())}, log end = {sorted(ends.items())}")
    print(f"{group}: committed offsets of {len(ends)} partitions equal the log end ({sum(ends.values())} records)")


def state(bootstrap, group, expected):
    from confluent_kafka.admin import AdminClient

    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    described = admin.describe_groups([group])[group]
    if described["group_state"] != expected:
        fail(f"kafka-python describe_groups({group}) = {described}, expected state {expected}")
    names = listed_names(admin.list_groups(states_filter=[expected]))
    if group not in names:
        fail(f"kafka-python list_groups(states_filter=[{expected}]) lacks {group}: {names}")
    admin.close()
    cadmin = AdminClient({"bootstrap.servers": bootstrap})
    result = cadmin.describe_consumer_groups([group])[group].result(20)
    if result.state.name.lower() != expected.lower():
        fail(f"confluent describe_consumer_groups({group}).state = {result.state}, expected {expected}")
    print(f"{group}: {expected} in describe_groups and list_groups of both clients")


def static(bootstrap, topic, group):
    from confluent_kafka import Consumer

    revoked = {"s1": 0, "s2": 0}

    def make(instance):
        def on_revoke(consumer, partitions):
            revoked[instance] += 1

        consumer = Consumer({
            "bootstrap.servers": bootstrap, "group.id": group, "group.instance.id": instance,
            "client.id": instance, "auto.offset.reset": "earliest", "session.timeout.ms": SESSION_MS,
            "heartbeat.interval.ms": 1000, "partition.assignment.strategy": "range"})
        consumer.subscribe([topic], on_revoke=on_revoke)
        return consumer

    def pump(consumers, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for consumer in consumers:
                consumer.poll(0.05)

    s1, s2 = make("s1"), make("s2")
    deadline = time.time() + 60
    while time.time() < deadline and not (s1.assignment() and s2.assignment()):
        pump([s1, s2], 0.2)
    if not (s1.assignment() and s2.assignment()):
        fail(f"{group}: the two static members never both got partitions")
    pump([s1, s2], 1.0)
    before = sorted((tp.topic, tp.partition) for tp in s1.assignment())
    revoked_before = revoked["s2"]
    # A static member's close does not send LeaveGroup: its place waits for it for the session timeout.
    s1.close()
    pump([s2], 1.0)
    s1 = make("s1")
    deadline = time.time() + 30
    while time.time() < deadline and not s1.assignment():
        pump([s1, s2], 0.2)
    after = sorted((tp.topic, tp.partition) for tp in s1.assignment())
    pump([s1, s2], 1.0)
    if after != before:
        fail(f"{group}: the restarted static member got {after}, before it had {before}")
    if revoked["s2"] != revoked_before:
        fail(f"{group}: the other static member had its partitions revoked by the restart")
    s1.close()
    s2.close()
    print(f"{group}: static member s1 restarted and got {len(after)} partition(s) back; s2 saw no rebalance")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"produce": produce, "kafkapython": kafkapython, "confluent": confluent, "committed": committed,
     "state": state, "static": static}[command](*args)
