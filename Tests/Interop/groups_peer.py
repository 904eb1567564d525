"""Drives a confluent-kafka consumer group for Tests/Interop/tools-groups.sh.

usage: groups_peer.py BOOTSTRAP produce TOPIC PARTITIONS COUNT   -- COUNT records per partition, one batch each
       groups_peer.py BOOTSTRAP commit GROUP TOPIC P=OFFSET...   -- join, commit these offsets, leave
       groups_peer.py BOOTSTRAP hold GROUP TOPIC READY_FILE STOP_FILE -- stay a member until STOP_FILE exists
"""
import os
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition

bootstrap, command = sys.argv[1], sys.argv[2]
base = {"bootstrap.servers": bootstrap}
member = dict(base, **{"session.timeout.ms": 6000, "enable.auto.commit": False, "auto.offset.reset": "earliest",
                       "client.id": "groups-peer"})

if command == "produce":
    topic, partitions, count = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    producer = Producer(dict(base, **{"linger.ms": 0}))
    for partition in range(partitions):
        for index in range(count):
            # One batch per record: Tansu's ListOffsets LATEST is the last batch's base offset + 1.
            producer.produce(topic, value=b"v%d" % index, partition=partition, timestamp=1_600_000_000_000 + index * 1000)
            producer.flush(10)
elif command == "commit":
    group, topic = sys.argv[3], sys.argv[4]
    offsets = [TopicPartition(topic, int(p), int(o)) for p, o in (a.split("=") for a in sys.argv[5:])]
    consumer = Consumer(dict(member, **{"group.id": group}))
    consumer.subscribe([topic])
    deadline = time.time() + 30
    while not consumer.assignment() and time.time() < deadline:
        consumer.poll(0.2)
    if not consumer.assignment():
        sys.exit("no assignment")
    consumer.commit(offsets=offsets, asynchronous=False)
    consumer.close()
elif command == "hold":
    group, topic, ready, stop = sys.argv[3:7]
    consumer = Consumer(dict(member, **{"group.id": group}))
    consumer.subscribe([topic])
    deadline = time.time() + 30
    while not consumer.assignment() and time.time() < deadline:
        consumer.poll(0.2)
    open(ready, "w").close()
    while not os.path.exists(stop) and time.time() < deadline + 60:
        consumer.poll(0.2)
    consumer.close()
else:
    sys.exit("unknown command " + command)
