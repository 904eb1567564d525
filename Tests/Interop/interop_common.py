"""Shared helpers for the interop client drivers (standard library only)."""

import json
import os
import sys
import time
import traceback

CODECS = ["none", "gzip", "snappy", "lz4", "zstd"]
SESSION_TIMEOUT_MS = 6000  # Tansu's first JoinGroup of a new group waits ~half of it


def sample_records(tag, n=5):
    """Deterministic keyed records with headers; one value is long and repetitive so that
    compression has something to do."""
    recs = []
    for i in range(1, n + 1):
        value = "%s-value-%d" % (tag, i)
        if i == 3:
            value += "-" + "abcdefgh" * 40
        recs.append({"key": "k%d" % i, "value": value, "headers": [["a", "1"], ["b", "x%d" % i]]})
    return recs


class Steps:
    """Runs named steps; a step with `tolerate` may fail (documented Tansu limitation)."""

    def __init__(self, client):
        self.client = client
        self.results = []

    def log(self, msg):
        print("[%s] %s" % (self.client, msg), flush=True)

    def run(self, name, fn, tolerate=None):
        t0 = time.monotonic()
        try:
            detail = fn()
            status = "ok"
        except Exception as e:  # noqa: BLE001 - we report every failure
            detail = "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
            if tolerate:
                status = "tolerated"
                detail += "  [tolerated: %s]" % tolerate
            else:
                status = "FAILED"
                traceback.print_exc(file=sys.stdout)
        dt = time.monotonic() - t0
        self.results.append({"step": name, "status": status, "detail": str(detail or ""), "seconds": round(dt, 2)})
        self.log("%-40s %-9s %5.1fs %s" % (name, status, dt, detail or ""))
        return status == "ok"

    def finish(self, results_path=None):
        if results_path:
            with open(results_path, "w") as f:
                json.dump({"client": self.client, "steps": self.results}, f, indent=1)
        failed = [r["step"] for r in self.results if r["status"] == "FAILED"]
        if failed:
            self.log("FAILED steps: %s" % ", ".join(failed))
            sys.exit(1)
        self.log("all steps ok or tolerated")


class Sent:
    """What a client produced, per topic/partition, for the batch fixtures."""

    def __init__(self, path, client):
        self.path = path
        self.client = client
        self.entries = []

    def add(self, topic, partition, codec, records, variant=None, **extra):
        e = {"client": self.client, "topic": topic, "partition": partition, "codec": codec,
             "variant": variant, "records": records}
        e.update(extra)
        self.entries.append(e)
        self.save()

    def save(self):
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        with open(self.path, "w") as f:
            json.dump(self.entries, f, indent=1)


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)
