#!/usr/bin/env python3
"""Drives confluent-kafka 2.16.1 (librdkafka 2.16.0) against a broker: AdminClient calls,
a producer per compression codec with headers, idempotent and transactional producers, and
a group consumer with commit and close.

usage: drive_confluent.py --client LABEL --bootstrap HOST:PORT --sent FILE [--results FILE]
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from interop_common import CODECS, SESSION_TIMEOUT_MS, Sent, Steps, check, sample_records  # noqa: E402

import confluent_kafka  # noqa: E402
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition  # noqa: E402
from confluent_kafka.admin import (AdminClient, AlterConfigOpType, ConfigEntry, ConfigResource,  # noqa: E402
                                   NewPartitions, NewTopic, OffsetSpec, ResourceType)
try:
    from confluent_kafka import ConsumerGroupTopicPartitions  # noqa: E402
except ImportError:  # older layouts
    from confluent_kafka.admin import ConsumerGroupTopicPartitions  # noqa: E402

T = 15  # seconds for each admin future / transactional call
TOLERATE_CREATE_PARTITIONS = "Tansu 0.6.0 does not advertise CreatePartitions (api 37)"


def results(futures):
    return {str(k): f.result(timeout=T) for k, f in futures.items()}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--client", required=True)
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--sent", required=True)
    p.add_argument("--results")
    a = p.parse_args()
    steps = Steps(a.client)
    steps.log("confluent-kafka %s, librdkafka %s" % (confluent_kafka.__version__, confluent_kafka.libversion()[0]))
    sent = Sent(a.sent, a.client)
    base = {"bootstrap.servers": a.bootstrap, "broker.address.family": "v4", "socket.timeout.ms": 10000}
    adm = AdminClient(dict(base, **{"client.id": "ck-admin"}))
    st = {}

    def create_topics():
        fs = adm.create_topics([
            NewTopic("ck-admin", num_partitions=3, replication_factor=1,
                     config={"retention.ms": "3600000", "cleanup.policy": "delete"}),
        ] + [NewTopic("ck-" + c, num_partitions=1, replication_factor=1) for c in CODECS], request_timeout=T)
        return results(fs)

    def describe_configs():
        r = results(adm.describe_configs([ConfigResource(ResourceType.TOPIC, "ck-admin"),
                                          ConfigResource(ResourceType.BROKER, "111")], request_timeout=T))
        topic = [v for k, v in r.items() if "ck-admin" in k][0]
        check("retention.ms" in topic, "retention.ms missing: %r" % topic)
        return "retention.ms=%s" % topic["retention.ms"].value

    def alter_configs():
        res = ConfigResource(ResourceType.TOPIC, "ck-admin", incremental_configs=[
            ConfigEntry("retention.ms", "7200000", incremental_operation=AlterConfigOpType.SET)])
        return results(adm.incremental_alter_configs([res], request_timeout=T))

    steps.run("admin create_topics", create_topics)
    steps.run("admin describe_configs", describe_configs)
    steps.run("admin incremental_alter_configs", alter_configs)
    steps.run("admin create_partitions", lambda: results(adm.create_partitions(
        [NewPartitions("ck-admin", 5)], request_timeout=T)), tolerate=TOLERATE_CREATE_PARTITIONS)
    steps.run("admin describe_cluster", lambda: "cluster %s, %d node(s)" % (
        (lambda d: (d.cluster_id, len(d.nodes)))(adm.describe_cluster(request_timeout=T).result(timeout=T))))

    # --- producers ----------------------------------------------------------------------
    def produce(topic, codec, variant=None, **cfg):
        recs = sample_records("ck-%s-%s" % (codec, variant or "plain"))
        conf = dict(base, **{"client.id": "ck-producer", "compression.type": codec, "linger.ms": 100,
                             "enable.idempotence": False})
        conf.update(cfg)
        prod = Producer(conf)
        reports = []
        for r in recs:
            prod.produce(topic, key=r["key"], value=r["value"], partition=0,
                         headers=[(k, v.encode()) for k, v in r["headers"]],
                         on_delivery=lambda err, msg: reports.append((err, msg.offset() if msg else None)))
        left = prod.flush(T)
        check(left == 0, "%d messages not delivered" % left)
        errs = [e for e, _ in reports if e is not None]
        check(not errs, "delivery errors: %s" % errs[:2])
        sent.add(topic, 0, codec, recs, variant=variant, offsets=[o for _, o in reports])
        return "offsets %s" % [o for _, o in reports]

    for codec in CODECS:
        steps.run("produce compression.type=%s" % codec, lambda: produce("ck-" + codec, codec))
    steps.run("produce idempotent", lambda: produce("ck-idem", "none", "idempotent",
                                                   **{"enable.idempotence": True, "acks": "all"}))

    # --- consumer group -----------------------------------------------------------------
    def consume():
        c = Consumer(dict(base, **{"client.id": "ck-consumer", "group.id": "ck-g1",
                                   "session.timeout.ms": SESSION_TIMEOUT_MS, "auto.offset.reset": "earliest",
                                   "enable.auto.commit": False, "fetch.wait.max.ms": 100}))
        st["consumer"] = c
        topics = ["ck-" + c_ for c_ in CODECS]
        c.subscribe(topics)
        want = 5 * len(topics)
        got = []
        deadline = time.monotonic() + 25
        while len(got) < want and time.monotonic() < deadline:
            m = c.poll(0.5)
            if m is None:
                continue
            if m.error():
                raise KafkaException(m.error())
            got.append(m)
        check(len(got) == want, "consumed %d records, expected %d" % (len(got), want))
        check(all(m.headers() and m.headers()[0] == ("a", b"1") for m in got), "headers lost")
        committed = c.commit(asynchronous=False)
        return "%d records, committed %d partitions" % (len(got), len(committed or []))

    steps.run("consumer group poll+commit", consume)

    def transactional():
        recs = sample_records("ck-txn")
        prod = Producer(dict(base, **{"client.id": "ck-txn", "transactional.id": "ck-tx", "linger.ms": 100}))
        prod.init_transactions(T)
        prod.begin_transaction()
        for r in recs:
            prod.produce("ck-txn", key=r["key"], value=r["value"], partition=0,
                         headers=[(k, v.encode()) for k, v in r["headers"]])
        gm = st["consumer"].consumer_group_metadata()
        prod.send_offsets_to_transaction([TopicPartition("ck-none", 0, 5)], gm, T)
        prod.commit_transaction(T)
        sent.add("ck-txn", 0, "none", recs, variant="transactional")
        prod.begin_transaction()
        for r in sample_records("ck-txn-aborted", 2):
            prod.produce("ck-txn", key=r["key"], value=r["value"], partition=0)
        prod.flush(T)
        prod.abort_transaction(T)
        return "committed %d, aborted 2" % len(recs)

    def read_committed():
        # No group: assign() only. Tansu 0.6.0 hands out aborted records under read_committed
        # too (documented limitation), so only the Fetch frames matter here, not the count.
        c = Consumer(dict(base, **{"client.id": "ck-rc", "group.id": "ck-rc-unused",
                                   "isolation.level": "read_committed", "enable.partition.eof": True,
                                   "enable.auto.commit": False, "fetch.wait.max.ms": 100}))
        try:
            c.assign([TopicPartition("ck-txn", 0, 0)])
            got = []
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                m = c.poll(0.5)
                if m is None:
                    continue
                if m.error():
                    if m.error().code() == confluent_kafka.KafkaError._PARTITION_EOF:
                        break
                    raise KafkaException(m.error())
                got.append(m.value().decode())
        finally:
            c.close()
        check(len(got) >= 5, "read_committed consumer saw %d records, expected at least 5" % len(got))
        return "saw %d records (5 committed, 2 aborted were produced)" % len(got)

    if "consumer" in st:
        steps.run("transactional producer", transactional)
        steps.run("consumer close", lambda: st.pop("consumer").close())
        steps.run("consume read_committed ck-txn", read_committed)

    # --- admin, groups and offsets ------------------------------------------------------
    steps.run("admin list_consumer_groups", lambda: check(
        "ck-g1" in [g.group_id for g in adm.list_consumer_groups(request_timeout=T).result(timeout=T).valid],
        "ck-g1 not listed"))
    steps.run("admin describe_consumer_groups", lambda: "state %s" % results(
        adm.describe_consumer_groups(["ck-g1"], request_timeout=T))["ck-g1"].state)
    steps.run("admin list_consumer_group_offsets", lambda: str({
        k: [(tp.topic, tp.partition, tp.offset) for tp in v.topic_partitions]
        for k, v in results(adm.list_consumer_group_offsets(
            [ConsumerGroupTopicPartitions("ck-g1")], request_timeout=T)).items()})[:200])

    def list_offsets():
        ts = int(time.time() * 1000) - 3600 * 1000
        r = results(adm.list_offsets({
            TopicPartition("ck-none", 0): OffsetSpec.earliest(),
            TopicPartition("ck-gzip", 0): OffsetSpec.latest(),
            TopicPartition("ck-lz4", 0): OffsetSpec.for_timestamp(ts),
        }, request_timeout=T))
        return str({k: v.offset for k, v in r.items()})[:200]

    steps.run("admin list_offsets", list_offsets)
    steps.run("admin delete_consumer_groups", lambda: results(
        adm.delete_consumer_groups(["ck-g1"], request_timeout=T)))
    steps.run("admin delete_topics", lambda: results(adm.delete_topics(["ck-admin"], request_timeout=T)))
    steps.finish(a.results)


if __name__ == "__main__":
    main()
