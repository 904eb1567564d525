#!/usr/bin/env python3
"""Drives one kcat binary (Debian's /usr/bin/kcat = librdkafka 2.0.2, or scripts/kcat-new =
librdkafka 2.16) against a broker: metadata, keyed produce with headers per codec, idempotent
and transactional produce, plain consume, group consume with commits, offsets query.

usage: drive_kcat.py --kcat PATH --client LABEL --bootstrap HOST:PORT --sent FILE [--results FILE]
"""

import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from interop_common import CODECS, SESSION_TIMEOUT_MS, Sent, Steps, check, sample_records  # noqa: E402

HEADERS = [["a", "1"], ["b", "2"]]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kcat", required=True)
    p.add_argument("--client", required=True)
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--sent", required=True)
    p.add_argument("--results")
    a = p.parse_args()
    steps = Steps(a.client)
    sent = Sent(a.sent, a.client)

    def kcat(args, stdin=None, timeout=30):
        cmd = [a.kcat, "-b", a.bootstrap] + args
        r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout)
        for line in r.stderr.splitlines():
            if line.strip() and "CONFWARN" not in line:
                print("    kcat: " + line, flush=True)
        if r.returncode != 0:
            raise RuntimeError("kcat exited %d: %s" % (r.returncode, (r.stderr.strip().splitlines() or [""])[-1]))
        return r.stdout

    def produce(topic, codec, records, extra=(), variant=None):
        lines = "".join("%s:%s\n" % (r["key"], r["value"]) for r in records)
        args = ["-P", "-t", topic, "-p", "0", "-K:", "-z", codec, "-X", "linger.ms=100"]
        for k, v in HEADERS:
            args += ["-H", "%s=%s" % (k, v)]
        kcat(args + list(extra), stdin=lines)
        sent.add(topic, 0, codec, records, variant=variant)
        return "%d records" % len(records)

    def expect_consumed(out, records):
        got = [tuple(l.split("\t")) for l in out.splitlines() if l]
        want = [(r["key"], r["value"], ",".join("%s=%s" % (k, v) for k, v in r["headers"])) for r in records]
        check(got == want, "consumed %r, expected %r" % (got[:3], want[:3]))
        return "%d records back" % len(got)

    steps.run("metadata -L", lambda: check("broker 111" in kcat(["-L"]), "no broker 111 in -L output"))

    produced = {}
    for codec in CODECS:
        recs = sample_records("kcat-" + codec)
        for r in recs:
            r["headers"] = HEADERS
        topic = "kc-" + codec
        if steps.run("produce -z %s" % codec, lambda: produce(topic, codec, recs)):
            produced[topic] = recs

    recs = sample_records("kcat-idem")
    for r in recs:
        r["headers"] = HEADERS
    if steps.run("produce idempotent", lambda: produce("kc-idem", "none", recs,
                 ["-X", "enable.idempotence=true", "-X", "acks=all"], variant="idempotent")):
        produced["kc-idem"] = recs

    recs = sample_records("kcat-txn")
    for r in recs:
        r["headers"] = HEADERS
    if steps.run("produce transactional", lambda: produce("kc-txn", "none", recs,
                 ["-X", "transactional.id=kc-tx-" + a.client], variant="transactional")):
        produced["kc-txn"] = recs

    fmt = ["-f", "%k\t%s\t%h\n"]
    for topic, recs in produced.items():
        steps.run("consume %s" % topic, lambda: expect_consumed(
            kcat(["-C", "-t", topic, "-p", "0", "-e", "-o", "beginning", "-q",
                  "-X", "fetch.wait.max.ms=100"] + fmt), recs))

    group_topics = [t for t in ("kc-none", "kc-gzip") if t in produced]

    def group_consume():
        out = kcat(["-G", "g1"] + group_topics + [
            "-X", "session.timeout.ms=%d" % SESSION_TIMEOUT_MS, "-X", "auto.offset.reset=earliest",
            "-X", "enable.auto.commit=true", "-X", "auto.commit.interval.ms=200",
            "-X", "fetch.wait.max.ms=100", "-e", "-q"] + fmt, timeout=45)
        n = len([l for l in out.splitlines() if l])
        want = sum(len(produced[t]) for t in group_topics)
        check(n == want, "group consumed %d records, expected %d" % (n, want))
        return "%d records" % n

    if group_topics:
        steps.run("group consume -G g1", group_consume)

    def offsets_query():
        ts = int(time.time() * 1000) - 3600 * 1000
        # One topic-partition per query kind: kcat keeps only the last -t for a partition.
        # (Tansu 0.6.0 answers LATEST with last batch base offset + 1, not the high watermark.)
        out = kcat(["-Q", "-t", "kc-none:0:-1", "-t", "kc-gzip:0:-2", "-t", "kc-lz4:0:%d" % ts])
        check("kc-none [0]" in out and "kc-gzip [0]" in out, "missing offsets in -Q output: %r" % out)
        return " | ".join(out.splitlines())

    steps.run("offsets query -Q", offsets_query)
    steps.finish(a.results)


if __name__ == "__main__":
    main()
