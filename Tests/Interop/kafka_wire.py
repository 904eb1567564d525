"""Minimal Kafka wire-format reading for the capture scripts (standard library only).

Covers what the fixture scripts need: request/response headers, Produce requests (v0-v11),
Produce and Fetch responses, a few top-level error codes, and record batches (magic 2) and
legacy message sets (magic 0/1), with CRC checks. Not a general decoder."""

import gzip
import struct
import zlib

from kafka_names import api_name, is_flexible, request_header_version, response_header_version

CODEC_NAMES = {0: "none", 1: "gzip", 2: "snappy", 3: "lz4", 4: "zstd"}


def _crc32c_table():
    poly = 0x82F63B78
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        table.append(c)
    return table


_CRC32C = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _CRC32C[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


class Reader:
    def __init__(self, buf, pos=0):
        self.buf = buf
        self.pos = pos

    def remaining(self):
        return len(self.buf) - self.pos

    def take(self, n):
        if n < 0 or self.pos + n > len(self.buf):
            raise ValueError("truncated: need %d bytes at %d of %d" % (n, self.pos, len(self.buf)))
        b = self.buf[self.pos:self.pos + n]
        self.pos += n
        return b

    def _unpack(self, fmt, n):
        return struct.unpack(fmt, self.take(n))[0]

    def i8(self):
        return self._unpack(">b", 1)

    def i16(self):
        return self._unpack(">h", 2)

    def i32(self):
        return self._unpack(">i", 4)

    def u32(self):
        return self._unpack(">I", 4)

    def i64(self):
        return self._unpack(">q", 8)

    def uuid(self):
        return self.take(16).hex()

    def uvarint(self):
        shift = value = 0
        while True:
            b = self.take(1)[0]
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7
            if shift > 63:
                raise ValueError("varint too long")

    def varint(self):
        v = self.uvarint()
        return (v >> 1) ^ -(v & 1)

    def string(self, compact=False):
        n = self.uvarint() - 1 if compact else self.i16()
        return None if n < 0 else self.take(n).decode("utf-8", "replace")

    def bytes_(self, compact=False):
        n = self.uvarint() - 1 if compact else self.i32()
        return None if n < 0 else self.take(n)

    def array_len(self, compact=False):
        return self.uvarint() - 1 if compact else self.i32()

    def tags(self):
        out = {}
        for _ in range(self.uvarint()):
            tag = self.uvarint()
            out[tag] = self.take(self.uvarint())
        return out


# --- headers ---------------------------------------------------------------------------------

def request_header(frame):
    r = Reader(frame)
    key, version, corr = r.i16(), r.i16(), r.i32()
    hv = request_header_version(key, version)
    client_id = r.string() if hv >= 1 else None  # ClientId stays a non-compact int16 string in v2
    if hv >= 2:
        r.tags()
    return {"api_key": key, "api_version": version, "correlation_id": corr, "client_id": client_id}, r


def response_reader(frame, key, version):
    r = Reader(frame)
    corr = r.i32()
    if response_header_version(key, version) >= 1:
        r.tags()
    return corr, r


# --- Produce ---------------------------------------------------------------------------------

def parse_produce_request(frame):
    hdr, r = request_header(frame)
    v = hdr["api_version"]
    flex = is_flexible(0, v)
    out = dict(hdr)
    out["transactional_id"] = r.string(flex) if v >= 3 else None
    out["acks"] = r.i16()
    out["timeout_ms"] = r.i32()
    topics = []
    for _ in range(r.array_len(flex)):
        name = r.string(flex)
        parts = []
        for _ in range(r.array_len(flex)):
            idx = r.i32()
            records = r.bytes_(flex)
            if flex:
                r.tags()
            parts.append({"partition": idx, "records": records})
        if flex:
            r.tags()
        topics.append({"topic": name, "partitions": parts})
    if flex:
        r.tags()
    out["topics"] = topics
    return out


def parse_produce_response(frame, version):
    flex = is_flexible(0, version)
    _, r = response_reader(frame, 0, version)
    errors = []
    for _ in range(r.array_len(flex)):
        name = r.string(flex)
        for _ in range(r.array_len(flex)):
            idx, err = r.i32(), r.i16()
            r.i64()  # base offset
            if version >= 2:
                r.i64()
            if version >= 5:
                r.i64()
            msg = None
            if version >= 8:
                for _ in range(r.array_len(flex)):
                    r.i32()
                    r.string(flex)
                    if flex:
                        r.tags()
                msg = r.string(flex)
            if flex:
                r.tags()
            if err:
                errors.append(("%s[%d]" % (name, idx), err, msg))
        if flex:
            r.tags()
    return errors


# --- Fetch -----------------------------------------------------------------------------------

def parse_fetch_response(frame, version):
    flex = is_flexible(1, version)
    _, r = response_reader(frame, 1, version)
    out = {"error_code": 0, "partitions": []}
    if version >= 1:
        r.i32()
    if version >= 7:
        out["error_code"] = r.i16()
        r.i32()
    for _ in range(r.array_len(flex)):
        topic = r.uuid() if version >= 13 else r.string(flex)
        for _ in range(r.array_len(flex)):
            idx, err, hw = r.i32(), r.i16(), r.i64()
            if version >= 4:
                r.i64()
            if version >= 5:
                r.i64()
            if version >= 4:
                for _ in range(max(r.array_len(flex), 0)):
                    r.i64()
                    r.i64()
                    if flex:
                        r.tags()
            if version >= 11:
                r.i32()
            records = r.bytes_(flex)
            if flex:
                r.tags()
            out["partitions"].append({"topic": topic, "partition": idx, "error_code": err,
                                      "high_watermark": hw, "records": records})
        if flex:
            r.tags()
    return out


# --- top-level / per-item error codes of some responses ---------------------------------------

def response_errors(key, version, frame):
    """Non-zero error codes found in a response, as a list of (where, code[, message]).
    Returns None for APIs this function does not look into."""
    name = api_name(key)
    flex = is_flexible(key, version)
    if name == "produce":
        return parse_produce_response(frame, version)
    if name == "fetch":
        f = parse_fetch_response(frame, version)
        errs = [("top", f["error_code"])] if f["error_code"] else []
        return errs + [("%s[%d]" % (p["topic"], p["partition"]), p["error_code"])
                       for p in f["partitions"] if p["error_code"]]
    _, r = response_reader(frame, key, version)
    if name == "api_versions":
        e = r.i16()
        return [("top", e)] if e else []
    simple = {  # api: first version with throttle_time_ms before the error code
        "join_group": 2, "sync_group": 1, "heartbeat": 1, "leave_group": 1, "init_producer_id": 0,
        "add_offsets_to_txn": 0, "end_txn": 0, "describe_cluster": 0, "list_groups": 1,
        "get_telemetry_subscriptions": 0, "sasl_handshake": 99,
    }
    if name in simple:
        if version >= simple[name]:
            r.i32()
        e = r.i16()
        return [("top", e)] if e else []
    if name == "find_coordinator":
        if version >= 1:
            r.i32()
        if version < 4:
            e = r.i16()
            return [("top", e)] if e else []
        errs = []
        for _ in range(r.array_len(flex)):
            k = r.string(flex)
            r.i32()
            r.string(flex)
            r.i32()
            e = r.i16()
            m = r.string(flex)
            r.tags()
            if e:
                errs.append((k, e, m))
        return errs
    if name in ("create_topics", "delete_topics"):
        if (name == "create_topics" and version >= 2) or (name == "delete_topics" and version >= 1):
            r.i32()
        errs = []
        for _ in range(r.array_len(flex)):
            t = r.string(flex)
            if name == "create_topics" and version >= 7:
                r.uuid()
            if name == "delete_topics" and version >= 6:
                r.uuid()
            e = r.i16()
            if e:
                errs.append((t, e))
            # the rest of the entry varies; only the first entry is safe to read further
            break
        return errs
    if name in ("list_offsets", "offset_commit", "add_partitions_to_txn", "txn_offset_commit"):
        if (name == "list_offsets" and version >= 2) or (name == "offset_commit" and version >= 3) \
                or name in ("add_partitions_to_txn", "txn_offset_commit"):
            r.i32()
        if name == "add_partitions_to_txn" and version >= 4:
            e = r.i16()
            return [("top", e)] if e else []
        errs = []
        for _ in range(r.array_len(flex)):
            t = r.string(flex)
            for _ in range(r.array_len(flex)):
                p, e = r.i32(), r.i16()
                if e:
                    errs.append(("%s[%d]" % (t, p), e))
                if name == "list_offsets":
                    if version == 0:
                        for _ in range(r.i32()):
                            r.i64()
                    else:
                        r.i64()
                        r.i64()
                        if version >= 4:
                            r.i32()
                if flex:
                    r.tags()
            if flex:
                r.tags()
        return errs
    if name == "delete_groups":
        r.i32()
        errs = []
        for _ in range(r.array_len(flex)):
            g, e = r.string(flex), r.i16()
            if flex:
                r.tags()
            if e:
                errs.append((g, e))
        return errs
    return None


# --- record batches and message sets ---------------------------------------------------------

def _decompress(codec, data):
    if codec == "gzip":
        return gzip.decompress(data)
    return None  # snappy/lz4/zstd: not in the standard library


def _read_v2_records(data, count):
    r = Reader(data)
    recs = []
    for _ in range(count):
        length = r.varint()
        body = Reader(r.take(length))
        body.i8()  # attributes
        body.varint()  # timestamp delta
        body.varint()  # offset delta
        klen = body.varint()
        key = body.take(klen) if klen >= 0 else None
        vlen = body.varint()
        value = body.take(vlen) if vlen >= 0 else None
        headers = []
        for _ in range(body.varint()):
            hk = body.take(body.varint()).decode()
            hl = body.varint()
            headers.append([hk, body.take(hl).decode() if hl >= 0 else None])
        recs.append({"key": key.decode() if key is not None else None,
                     "value": value.decode() if value is not None else None, "headers": headers})
    return recs


def _parse_message_set(data, depth=0):
    """magic 0/1 message set -> list of messages (wrappers expanded when gzip)."""
    r = Reader(data)
    msgs = []
    while r.remaining() >= 12:
        offset = r.i64()
        size = r.i32()
        if size > r.remaining():
            break  # partial trailing message
        m = Reader(r.take(size))
        crc = m.u32()
        body = m.buf[m.pos:]
        magic = m.i8()
        attrs = m.i8()
        ts = m.i64() if magic >= 1 else None
        key = m.bytes_()
        value = m.bytes_()
        codec = CODEC_NAMES.get(attrs & 7, "codec%d" % (attrs & 7))
        entry = {"offset": offset, "magic": magic, "codec": codec, "timestamp": ts,
                 "crc_ok": zlib.crc32(body) & 0xFFFFFFFF == crc,
                 "key": key, "value": value}
        if codec != "none" and depth == 0:
            inner = _decompress(codec, value or b"")
            entry["inner"] = _parse_message_set(inner, depth + 1) if inner is not None else None
        msgs.append(entry)
    return msgs


def parse_records(data):
    """Describe the record batches / message sets in a `records` field."""
    out = []
    pos = 0
    while pos + 17 <= len(data):
        magic = data[pos + 16]
        if magic == 2:
            r = Reader(data, pos)
            base_offset = r.i64()
            length = r.i32()
            end = r.pos + length
            if end > len(data):
                break
            r.i32()  # partition leader epoch
            r.i8()
            crc = r.u32()
            crc_ok = crc32c(data[r.pos:end]) == crc
            attrs = r.i16()
            last_delta = r.i32()
            base_ts, max_ts = r.i64(), r.i64()
            pid, epoch, seq = r.i64(), r.i16(), r.i32()
            count = r.i32()
            codec = CODEC_NAMES.get(attrs & 7, "codec%d" % (attrs & 7))
            payload = data[r.pos:end]
            b = {"magic": 2, "base_offset": base_offset, "length": 12 + length, "codec": codec,
                 "timestamp_type": "log_append" if attrs & 8 else "create",
                 "transactional": bool(attrs & 16), "control": bool(attrs & 32),
                 "last_offset_delta": last_delta, "base_timestamp": base_ts, "max_timestamp": max_ts,
                 "producer_id": pid, "producer_epoch": epoch, "base_sequence": seq,
                 "record_count": count, "crc_ok": crc_ok, "records": None}
            raw = payload if codec == "none" else _decompress(codec, payload)
            if raw is not None and not b["control"]:
                b["records"] = _read_v2_records(raw, count)
            out.append(b)
            pos = end
        elif magic in (0, 1):
            msgs = _parse_message_set(data[pos:])
            out.append({"magic": magic, "messages": msgs,
                        "codec": msgs[0]["codec"] if msgs else "none"})
            break
        else:
            raise ValueError("unknown magic %d at %d" % (magic, pos))
    return out


def batch_signature(data):
    """Short description of a records field, e.g. ('m2', 'lz4', 'txn')."""
    if not data:
        return ()
    sig = []
    try:
        for b in parse_records(data):
            s = "m%d:%s" % (b["magic"], b["codec"])
            if b.get("transactional"):
                s += ":txn"
            if b.get("control"):
                s += ":ctl"
            if b.get("producer_id", -1) >= 0 and not b.get("transactional"):
                s += ":idem"
            if s not in sig:
                sig.append(s)
    except ValueError:
        sig.append("unparsed")
    return tuple(sig)
