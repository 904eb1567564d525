#!/usr/bin/env python3
"""After a capture: extract record-batch fixtures from the recorded Produce requests, check
them against what the drivers sent, list the responses that carry error codes and the requests
the broker never answered, and check that every client produced the expected API kinds.

usage: postprocess.py OUTDIR     (OUTDIR as written by capture.sh: frames/ sent/ logs/ results/)
Writes OUTDIR/batches/*.hex|json and OUTDIR/summary.json; prints a short report.
Exits 1 if a batch does not match what was sent or an expected API kind is missing.
"""

import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kafka_names import NAME_TO_KEY  # noqa: E402
from kafka_wire import parse_produce_request, parse_records, response_errors  # noqa: E402

NAME_RE = re.compile(r"^(?P<api>[a-z0-9_]+)_(?P<dir>request|response)_v(?P<ver>\d+)_(?P<client>[A-Za-z0-9-]+)_(?P<seq>\d+)\.hex$")

# API kinds each client must have produced (both request and response), if its driver ran.
EXPECTED = {
    "kcat202": "api_versions metadata produce fetch list_offsets find_coordinator join_group sync_group "
               "offset_commit offset_fetch init_producer_id add_partitions_to_txn end_txn",
    "kcat216": "api_versions metadata produce fetch list_offsets find_coordinator join_group sync_group "
               "offset_commit offset_fetch init_producer_id add_partitions_to_txn end_txn",
    "kafkapython": "api_versions metadata create_topics describe_configs produce fetch find_coordinator "
                   "join_group sync_group offset_commit offset_fetch init_producer_id add_partitions_to_txn "
                   "add_offsets_to_txn txn_offset_commit end_txn list_groups describe_groups delete_topics",
    "confluent": "api_versions metadata create_topics describe_configs incremental_alter_configs produce fetch "
                 "list_offsets find_coordinator join_group sync_group offset_commit offset_fetch init_producer_id "
                 "add_partitions_to_txn add_offsets_to_txn txn_offset_commit end_txn list_groups delete_groups "
                 "delete_topics",
}
# Request kinds that must be there even when the broker does not answer them.
EXPECTED_REQUESTS = {
    "kafkapython": [("produce", 1), ("produce", 2)],  # legacy message sets, magic 0 and 1
}

ERROR_NAMES = {
    1: "OFFSET_OUT_OF_RANGE", 3: "UNKNOWN_TOPIC_OR_PARTITION", 6: "NOT_LEADER_OR_FOLLOWER",
    15: "COORDINATOR_NOT_AVAILABLE", 16: "NOT_COORDINATOR", 22: "ILLEGAL_GENERATION",
    25: "UNKNOWN_MEMBER_ID", 27: "REBALANCE_IN_PROGRESS", 35: "UNSUPPORTED_VERSION",
    36: "TOPIC_ALREADY_EXISTS", 42: "INVALID_REQUEST", 43: "UNSUPPORTED_FOR_MESSAGE_FORMAT",
    45: "OUT_OF_ORDER_SEQUENCE_NUMBER", 47: "INVALID_PRODUCER_EPOCH", 48: "INVALID_TXN_STATE",
    59: "UNKNOWN_PRODUCER_ID", 69: "GROUP_ID_NOT_FOUND", 79: "MEMBER_ID_REQUIRED",
}


def read_hex(path):
    with open(path) as f:
        return bytes.fromhex("".join(f.read().split()))


def to_hex_lines(data):
    h = data.hex()
    return "".join(h[i:i + 64] + "\n" for i in range(0, len(h), 64))


def fixture_json(info):
    """Pretty JSON with one line per batch and per record."""
    head = {k: v for k, v in info.items() if k not in ("batches", "records")}
    text = json.dumps(head, indent=1, sort_keys=True)[:-2]
    for key in ("batches", "records"):
        items = ",\n".join("  " + json.dumps(x, sort_keys=True) for x in info[key])
        text += ',\n "%s": [\n%s\n ]' % (key, items)
    return text + "\n}\n"


def frames_by_client(frames_dir):
    out = {}
    for path in sorted(glob.glob(os.path.join(frames_dir, "*.hex"))):
        m = NAME_RE.match(os.path.basename(path))
        if m:
            out.setdefault(m.group("client"), []).append((m, path))
    return out


def extract_batches(outdir, frames, versions):
    problems = []
    made = []
    bdir = os.path.join(outdir, "batches")
    os.makedirs(bdir, exist_ok=True)
    for sent_path in sorted(glob.glob(os.path.join(outdir, "sent", "*.json"))):
        with open(sent_path) as f:
            entries = json.load(f)
        for e in entries:
            client = e["client"]
            reqs = [(m, p) for m, p in frames.get(client, [])
                    if m.group("api") == "produce" and m.group("dir") == "request"]
            reqs.sort(key=lambda mp: (int(mp[0].group("ver")), int(mp[0].group("seq"))))
            found = None
            for m, path in reqs:
                req = parse_produce_request(read_hex(path))
                for t in req["topics"]:
                    if t["topic"] != e["topic"]:
                        continue
                    for part in t["partitions"]:
                        if part["partition"] == e["partition"] and part["records"]:
                            found = (m, path, req, part["records"])
                            break
                    if found:
                        break
                if found:
                    break
            name = "%s_%s%s" % (client, e["codec"], "_" + e["variant"] if e.get("variant") else "")
            if not found:
                problems.append("%s: no Produce request for %s[%d] recorded" % (name, e["topic"], e["partition"]))
                continue
            m, path, req, records = found
            batches = parse_records(records)
            sent = e["records"]
            info = {
                "client": client, "client_software": versions.get(client), "codec": e["codec"],
                "variant": e.get("variant"), "topic": e["topic"], "partition": e["partition"],
                "source_frame": os.path.basename(path), "produce_request_version": req["api_version"],
                "client_id": req["client_id"], "transactional_id": req["transactional_id"], "acks": req["acks"],
            }
            decoded = []
            verified = True
            if batches and batches[0]["magic"] == 2:
                b0 = batches[0]
                info.update(magic=2, producer_id=b0["producer_id"], producer_epoch=b0["producer_epoch"],
                            base_sequence=b0["base_sequence"], transactional=b0["transactional"])
                count = sum(b["record_count"] for b in batches)
                for b in batches:
                    if b["codec"] != e["codec"]:
                        problems.append("%s: batch codec %s, expected %s" % (name, b["codec"], e["codec"]))
                    if not b["crc_ok"]:
                        problems.append("%s: CRC-32C mismatch" % name)
                    if b["records"] is None:
                        verified = False
                    else:
                        decoded += b["records"]
            else:
                info["magic"] = batches[0]["magic"] if batches else None
                msgs = batches[0]["messages"] if batches else []
                count = 0
                for msg in msgs:
                    if not msg["crc_ok"]:
                        problems.append("%s: CRC-32 mismatch" % name)
                    if msg["codec"] != e["codec"]:
                        problems.append("%s: message codec %s, expected %s" % (name, msg["codec"], e["codec"]))
                    inner = msg.get("inner", [msg]) if msg["codec"] != "none" else [msg]
                    if inner is None:
                        verified = False
                        continue
                    for im in inner:
                        count += 1
                        decoded.append({"key": im["key"].decode() if im["key"] is not None else None,
                                        "value": im["value"].decode() if im["value"] is not None else None,
                                        "headers": []})
                info["wrapper_count"] = len(msgs)
            info["record_count"] = count
            info["sent_count"] = len(sent)
            if count == 0 or count > len(sent):
                problems.append("%s: %d records in the batch, %d sent" % (name, count, len(sent)))
            expected = sent[:count]
            if verified:
                if decoded != expected:
                    problems.append("%s: decoded records differ from the sent ones: %r vs %r"
                                    % (name, decoded[:1], expected[:1]))
                info["verified"] = "records decoded with the Python standard library and equal to what was sent"
            else:
                info["verified"] = "record count and codec checked (codec not decodable with the Python standard library)"
            info["records"] = expected
            info["batches"] = [{k: v for k, v in b.items() if k not in ("records", "messages")} for b in batches]
            with open(os.path.join(bdir, name + ".hex"), "w") as f:
                f.write(to_hex_lines(records))
            with open(os.path.join(bdir, name + ".json"), "w") as f:
                f.write(fixture_json(info))
            made.append(name)
    return made, problems


def error_responses(frames):
    out = []
    for client, items in frames.items():
        for m, path in items:
            if m.group("dir") != "response":
                continue
            key = NAME_TO_KEY.get(m.group("api"))
            if key is None:
                continue
            try:
                errs = response_errors(key, int(m.group("ver")), read_hex(path))
            except (ValueError, UnicodeDecodeError) as exc:
                out.append({"file": os.path.basename(path), "errors": [["parse", str(exc)]]})
                continue
            if errs:
                out.append({"file": os.path.basename(path),
                            "errors": [[w, c, ERROR_NAMES.get(c, "")] + list(rest) for w, c, *rest in errs]})
    return sorted(out, key=lambda x: x["file"])


def proxy_events(outdir):
    unanswered, rewritten = [], []
    for log in sorted(glob.glob(os.path.join(outdir, "logs", "proxy-*.jsonl"))):
        client = os.path.basename(log)[len("proxy-"):-len(".jsonl")]
        with open(log) as f:
            for line in f:
                ev = json.loads(line)
                if ev.get("ev") == "no-response" and "broker" in ev.get("closed_by", ""):
                    unanswered.append({"client": client, "api": ev["api"], "version": ev["v"],
                                       "note": "broker closed the connection without answering"})
                if ev.get("note") and ev.get("file"):
                    rewritten.append({"file": ev["file"], "note": ev["note"]})
    return unanswered, rewritten


def main():
    outdir = sys.argv[1]
    frames = frames_by_client(os.path.join(outdir, "frames"))
    versions = {}
    vpath = os.path.join(outdir, "versions.json")
    if os.path.exists(vpath):
        with open(vpath) as f:
            versions = json.load(f)
    made, problems = extract_batches(outdir, frames, versions)

    # Clients whose scenario ran: each had a proxy, hence a proxy log.
    ran = {os.path.basename(p)[len("proxy-"):-len(".jsonl")]
           for p in glob.glob(os.path.join(outdir, "logs", "proxy-*.jsonl"))}
    for client in sorted(ran):
        have = {(m.group("api"), m.group("dir")) for m, _ in frames.get(client, [])}
        for api in EXPECTED.get(client, "").split():
            for d in ("request", "response"):
                if (api, d) not in have:
                    problems.append("%s: no %s %s frame recorded" % (client, api, d))
        have_v = {(m.group("api"), int(m.group("ver"))) for m, _ in frames.get(client, []) if m.group("dir") == "request"}
        for api, v in EXPECTED_REQUESTS.get(client, []):
            if (api, v) not in have_v:
                problems.append("%s: no %s v%d request recorded" % (client, api, v))

    errors = error_responses(frames)
    unanswered, rewritten = proxy_events(outdir)
    tolerated = []
    for rpath in sorted(glob.glob(os.path.join(outdir, "results", "*.json"))):
        with open(rpath) as f:
            res = json.load(f)
        tolerated += [dict(client=res["client"], **s) for s in res["steps"] if s["status"] == "tolerated"]
    counts = {}
    for client, items in frames.items():
        counts[client] = {"frames": len(items), "bytes": sum(os.path.getsize(p) for _, p in items)}
    summary = {"frames": counts, "batches": made, "error_responses": errors, "unanswered_requests": unanswered,
               "rewritten_frames": rewritten, "tolerated_steps": tolerated, "problems": problems}
    with open(os.path.join(outdir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")

    for client, c in sorted(counts.items()):
        print("postprocess: %-12s %4d frames (%d bytes of hex)" % (client, c["frames"], c["bytes"]))
    print("postprocess: %d batch fixtures; %d responses with error codes; %d requests left unanswered by the broker"
          % (len(made), len(errors), len(unanswered)))
    for p in problems:
        print("postprocess: PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
