#!/usr/bin/env python3
"""Copies a bounded selection of a capture (capture.sh OUTDIR) into the test fixtures.

usage: update_fixtures.py OUTDIR FIXTURES_DIR [--max-per-kind N] [--max-batchy N] [--max-bytes B]

FIXTURES_DIR/frames/  is emptied of *.hex and gets at most N frames (default 3) per
                      (api, direction, version, client); Produce and Fetch frames may get up to
                      --max-batchy (default 8) so that every distinct batch shape (magic, codec,
                      transactional/idempotent/control) is kept once. Responses carrying error
                      codes are preferred in the same way. Also writes frames/INDEX.tsv.
FIXTURES_DIR/batches/ is replaced by OUTDIR/batches.
Fails if the result exceeds --max-bytes (default 4 MB).
"""

import argparse
import glob
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kafka_names import NAME_TO_KEY  # noqa: E402
from kafka_wire import batch_signature, parse_fetch_response, parse_produce_request  # noqa: E402

NAME_RE = re.compile(r"^(?P<api>[a-z0-9_]+)_(?P<dir>request|response)_v(?P<ver>\d+)_(?P<client>[A-Za-z0-9-]+)_(?P<seq>\d+)\.hex$")


def read_hex(path):
    with open(path) as f:
        return bytes.fromhex("".join(f.read().split()))


def signature(api, direction, version, data, errors):
    try:
        if api == "produce" and direction == "request":
            req = parse_produce_request(data)
            return ("batches",) + tuple(sorted({s for t in req["topics"] for p in t["partitions"]
                                                for s in batch_signature(p["records"])}))
        if api == "fetch" and direction == "response":
            resp = parse_fetch_response(data, version)
            return ("batches",) + tuple(sorted({s for p in resp["partitions"] for s in batch_signature(p["records"])}))
    except ValueError:
        return ("unparsed",)
    if errors:
        return ("errors",) + tuple(sorted({e[1] for e in errors}))
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("outdir")
    p.add_argument("fixtures")
    p.add_argument("--max-per-kind", type=int, default=3)
    p.add_argument("--max-batchy", type=int, default=8)
    p.add_argument("--max-bytes", type=int, default=4 * 1024 * 1024)
    a = p.parse_args()

    with open(os.path.join(a.outdir, "summary.json")) as f:
        summary = json.load(f)
    errors = {e["file"]: e["errors"] for e in summary["error_responses"]}
    notes = {r["file"]: r["note"] for r in summary["rewritten_frames"]}

    kinds = {}
    for path in sorted(glob.glob(os.path.join(a.outdir, "frames", "*.hex"))):
        m = NAME_RE.match(os.path.basename(path))
        if m:
            key = (m.group("api"), m.group("dir"), int(m.group("ver")), m.group("client"))
            kinds.setdefault(key, []).append((int(m.group("seq")), path))

    chosen = []
    for (api, direction, version, client), items in sorted(kinds.items()):
        items.sort()
        batchy = (api, direction) in (("produce", "request"), ("fetch", "response"))
        cap = a.max_batchy if batchy else a.max_per_kind
        sigs = []
        for seq, path in items:
            name = os.path.basename(path)
            sigs.append(signature(api, direction, version, read_hex(path), errors.get(name)))
        picked, seen = [], set()
        # First every new shape (batch layout or error codes), then the plain ones in order.
        for i, s in enumerate(sigs):
            if s is not None and s != ("batches",) and s not in seen and len(picked) < cap:
                seen.add(s)
                picked.append(i)
        limit = max(a.max_per_kind, len(picked)) if batchy else cap
        for i in range(len(items)):
            if len(picked) >= limit:
                break
            if i not in picked:
                picked.append(i)
        for i in sorted(picked):
            chosen.append((api, direction, version, client, items[i][1], sigs[i]))

    fdir = os.path.join(a.fixtures, "frames")
    bdir = os.path.join(a.fixtures, "batches")
    os.makedirs(fdir, exist_ok=True)
    for old in glob.glob(os.path.join(fdir, "*.hex")):
        os.remove(old)
    rows = []
    total = 0
    for api, direction, version, client, path, sig in chosen:
        name = os.path.basename(path)
        shutil.copyfile(path, os.path.join(fdir, name))
        total += os.path.getsize(path)
        size = len(read_hex(path))
        note = []
        if name in notes:
            note.append("rewritten by the proxy: " + notes[name])
        if name in errors:
            note.append("errors: " + "; ".join("%s=%s%s" % (e[0], e[1], " " + e[2] if len(e) > 2 and e[2] else "")
                                                for e in errors[name]))
        if sig and sig[0] == "batches" and len(sig) > 1:
            note.append("batches: " + " ".join(sig[1:]))
        rows.append("\t".join([name, client, str(NAME_TO_KEY.get(api, "")), api, direction, str(version),
                               str(size), "; ".join(note)]))
    with open(os.path.join(fdir, "INDEX.tsv"), "w") as f:
        f.write("file\tclient\tapi_key\tapi\tdirection\tversion\tframe_bytes\tnotes\n")
        f.write("".join(r + "\n" for r in rows))

    if os.path.isdir(bdir):
        shutil.rmtree(bdir)
    shutil.copytree(os.path.join(a.outdir, "batches"), bdir)
    total += sum(os.path.getsize(x) for x in glob.glob(os.path.join(bdir, "*")))

    print("update_fixtures: %d frames (of %d recorded), %d batch files, %.1f KiB in all"
          % (len(chosen), sum(len(v) for v in kinds.values()), len(os.listdir(bdir)), total / 1024))
    if total > a.max_bytes:
        print("update_fixtures: over the size limit of %d bytes" % a.max_bytes, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
