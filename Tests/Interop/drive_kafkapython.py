#!/usr/bin/env python3
"""Drives kafka-python 3.0.12 against a broker: admin calls, plain/gzip/idempotent/transactional
producers, legacy message-set producers (api_version (0,10,1) = magic 1, (0,9) = magic 0), and a
group consumer with commit.

usage: drive_kafkapython.py --client LABEL --bootstrap HOST:PORT --sent FILE [--results FILE]
"""

import argparse
import logging
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from interop_common import SESSION_TIMEOUT_MS, Sent, Steps, check, sample_records  # noqa: E402

import kafka  # noqa: E402
from kafka import KafkaConsumer, KafkaProducer, TopicPartition  # noqa: E402
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient  # noqa: E402
from kafka.structs import OffsetAndMetadata  # noqa: E402

TOLERATE_DESCRIBE_GROUPS = "Tansu answers authorized_operations=-1; kafka-python raises ValueError"
TOLERATE_LEGACY = "legacy message sets (magic 0/1): Tansu may reject them; only the request frames matter"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--client", required=True)
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--sent", required=True)
    p.add_argument("--results")
    a = p.parse_args()
    logging.basicConfig(level=logging.ERROR, format="    kafka-python %(levelname)s %(name)s: %(message)s")
    steps = Steps(a.client)
    steps.log("kafka-python %s" % kafka.__version__)
    sent = Sent(a.sent, a.client)
    bs = a.bootstrap
    common = dict(bootstrap_servers=bs, request_timeout_ms=10000)
    st = {}

    def to_wire(records):
        return [(r["key"].encode(), r["value"].encode(), [(k, v.encode()) for k, v in r["headers"]])
                for r in records]

    # --- admin --------------------------------------------------------------------------
    def admin_create():
        st["admin"] = KafkaAdminClient(client_id="kp-admin", **common)
        r = st["admin"].create_topics({
            "kp-admin-t": {"num_partitions": 3, "replication_factor": 1,
                           "configs": {"retention.ms": "3600000", "cleanup.policy": "delete"}},
            "kp-none": {"num_partitions": 1, "replication_factor": 1},
            "kp-gzip": {"num_partitions": 1, "replication_factor": 1},
        })
        return str(r)[:200]

    def admin_describe_configs():
        r = st["admin"].describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, "kp-admin-t"),
             ConfigResource(ConfigResourceType.BROKER, "111")], config_filter="all")
        check("kp-admin-t" in str(r), "topic missing in describe_configs: %r" % r)
        return str(r)[:200]

    steps.run("admin create_topics", admin_create)
    if "admin" in st:
        steps.run("admin describe_configs", admin_describe_configs)

    # --- producers ----------------------------------------------------------------------
    def produce(topic, codec, variant=None, **cfg):
        recs = sample_records("kp-%s-%s" % (codec, variant or "plain"))
        conf = dict(common, client_id="kp-producer", linger_ms=100, compression_type=None if codec == "none" else codec)
        conf.update(cfg)
        prod = KafkaProducer(**conf)
        try:
            futs = [prod.send(topic, key=k, value=v, headers=h, partition=0) for k, v, h in to_wire(recs)]
            prod.flush(timeout=15)
            metas = [f.get(timeout=10) for f in futs]
        finally:
            prod.close(timeout=5)
        sent.add(topic, 0, codec, recs, variant=variant,
                 offsets=[m.offset for m in metas])
        return "%d records, offsets %s" % (len(metas), [m.offset for m in metas])

    steps.run("produce none", lambda: produce("kp-none", "none", enable_idempotence=False))
    steps.run("produce gzip", lambda: produce("kp-gzip", "gzip", enable_idempotence=False))
    steps.run("produce idempotent", lambda: produce("kp-idem", "none", "idempotent", enable_idempotence=True, acks="all"))

    def legacy(topic, codec, api_version, variant):
        recs = sample_records("kp-%s-%s" % (codec, variant))
        for r in recs:
            r["headers"] = []  # message sets before magic 2 have no headers
        prod = KafkaProducer(bootstrap_servers=bs, client_id="kp-legacy", api_version=api_version,
                             compression_type=None if codec == "none" else codec, linger_ms=100,
                             retries=0, request_timeout_ms=3000, max_block_ms=5000, acks=1,
                             enable_idempotence=False)
        # Record what we send before the broker answers: the request frame is what matters.
        sent.add(topic, 0, codec, recs, variant=variant, api_version=list(api_version))
        try:
            futs = [prod.send(topic, key=k, value=v, partition=0) for k, v, _ in to_wire(recs)]
            prod.flush(timeout=6)
            metas = [f.get(timeout=5) for f in futs]
        finally:
            prod.close(timeout=2)
        return "accepted, offsets %s" % [m.offset for m in metas]

    for api_version, variant in (((0, 10, 1), "magic1"), ((0, 9), "magic0")):
        for codec in ("none", "gzip"):
            topic = "kp-%s-%s" % (variant, codec)
            steps.run("produce %s %s (api_version=%s)" % (codec, variant, api_version),
                      lambda: legacy(topic, codec, api_version, variant), tolerate=TOLERATE_LEGACY)

    # --- group consumer -----------------------------------------------------------------
    def consume():
        c = KafkaConsumer(client_id="kp-consumer", group_id="kp-g1",
                          session_timeout_ms=SESSION_TIMEOUT_MS, heartbeat_interval_ms=1000,
                          auto_offset_reset="earliest", enable_auto_commit=False, fetch_max_wait_ms=100,
                          **common)
        st["consumer"] = c
        c.subscribe(["kp-none", "kp-gzip"])
        got = []
        deadline = time.monotonic() + 25
        while len(got) < 10 and time.monotonic() < deadline:
            for tp, msgs in c.poll(timeout_ms=500).items():
                got += msgs
        check(len(got) == 10, "consumed %d records, expected 10" % len(got))
        check(all(m.headers and m.headers[0] == ("a", b"1") for m in got), "headers lost")
        c.commit()
        return "%d records, committed %s" % (len(got), {str(tp): c.committed(tp) for tp in c.assignment()})

    steps.run("consumer group poll+commit", consume)

    # --- transactions -------------------------------------------------------------------
    def transactional():
        recs = sample_records("kp-txn")
        prod = KafkaProducer(client_id="kp-txn", transactional_id="kp-tx", linger_ms=100, **common)
        try:
            prod.init_transactions()
            prod.begin_transaction()
            futs = [prod.send("kp-txn", key=k, value=v, headers=h, partition=0) for k, v, h in to_wire(recs)]
            gm = st["consumer"].group_metadata() if "consumer" in st else "kp-g1"
            prod.send_offsets_to_transaction({TopicPartition("kp-none", 0): OffsetAndMetadata(5, "txn", -1)}, gm)
            prod.commit_transaction()
            metas = [f.get(timeout=5) for f in futs]
            sent.add("kp-txn", 0, "none", recs, variant="transactional", offsets=[m.offset for m in metas])
            prod.begin_transaction()
            for k, v, h in to_wire(sample_records("kp-txn-aborted", 2)):
                prod.send("kp-txn", key=k, value=v, headers=h, partition=0)
            prod.flush(timeout=10)
            prod.abort_transaction()
        finally:
            prod.close(timeout=5)
        return "committed %d, aborted 2" % len(recs)

    steps.run("transactional producer", transactional)

    def close_consumer():
        if "consumer" in st:
            st.pop("consumer").close()

    steps.run("consumer close", close_consumer)

    def read_committed():
        # No group: assign() only. Tansu 0.6.0 hands out aborted records under read_committed
        # too (documented limitation), so only the Fetch frames matter here, not the count.
        c = KafkaConsumer(client_id="kp-rc", isolation_level="read_committed", fetch_max_wait_ms=100,
                          enable_auto_commit=False, **common)
        try:
            tp = TopicPartition("kp-txn", 0)
            c.assign([tp])
            c.seek_to_beginning(tp)
            got = []
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and len(got) < 7:
                for _, msgs in c.poll(timeout_ms=300).items():
                    got += msgs
        finally:
            c.close()
        check(len(got) >= 5, "read_committed consumer saw %d records, expected at least 5" % len(got))
        return "saw %d records (5 committed, 2 aborted were produced)" % len(got)

    steps.run("consume read_committed kp-txn", read_committed)

    # --- admin, groups ------------------------------------------------------------------
    if "admin" in st:
        adm = st["admin"]
        steps.run("admin list_groups", lambda: check("kp-g1" in str(adm.list_groups()), "kp-g1 not listed"))
        steps.run("admin describe_groups", lambda: str(adm.describe_groups(["kp-g1"]))[:200],
                  tolerate=TOLERATE_DESCRIBE_GROUPS)
        steps.run("admin list_group_offsets", lambda: str(adm.list_group_offsets(["kp-g1"]))[:200])
        steps.run("admin delete_topics", lambda: str(adm.delete_topics(["kp-admin-t"]))[:200])
        steps.run("admin close", adm.close)
    steps.finish(a.results)


if __name__ == "__main__":
    main()
