#!/usr/bin/env python3
"""Recording Kafka proxy (standard library only).

Listens on 127.0.0.1:LISTEN, forwards every connection to 127.0.0.1:UPSTREAM, splits both
directions into Kafka frames (4-byte big-endian size prefix) and writes each frame WITHOUT the
size prefix (i.e. header + body) as lowercase hex, 64 hex characters per line, to

    OUT/{api_snake}_{request|response}_v{version}_{client}_{seq:03d}.hex

Responses are matched to their request through the correlation id, per connection. seq counts
per (api, direction, version, client), starting after any files of that kind already in OUT.

Options:
  --dedupe                  skip a frame whose bytes (ignoring the correlation id) were already
                            recorded for this client (files already in OUT count too)
  --max-per-kind N          record at most N frames per (api, direction, version, client)
  --strip-apiversions-tags  rewrite the trailing tagged-field section of ApiVersions v3+
                            responses to an empty one (a single 0x00), for librdkafka 2.0.2;
                            the frame is recorded as forwarded
  --log FILE                one JSON object per line: every frame seen, what was recorded,
                            requests left without a response when a connection closed
  --ready-file FILE         created once the listening socket is bound

The broker should advertise the proxy's address (Tansu: --advertised-listener-url
tcp://127.0.0.1:LISTEN) so that clients reconnect through the proxy after Metadata.
Stops on SIGTERM/SIGINT.
"""

import argparse
import asyncio
import json
import os
import re
import signal
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kafka_names import api_name  # noqa: E402

MAX_FRAME = 256 * 1024 * 1024
NAME_RE = re.compile(r"^(?P<api>[a-z0-9_]+)_(?P<dir>request|response)_v(?P<ver>\d+)_(?P<client>.+)_(?P<seq>\d{3,})\.hex$")


def to_hex_lines(data):
    h = data.hex()
    return "".join(h[i:i + 64] + "\n" for i in range(0, len(h), 64))


def read_uvarint(buf, pos):
    shift = 0
    value = 0
    while True:
        if pos >= len(buf):
            raise ValueError("truncated varint")
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7
        if shift > 35:
            raise ValueError("varint too long")


def strip_apiversions_tags(frame, version):
    """ApiVersions response v3+ (header v0): correlation_id, error_code, api_keys compact array
    of (key, min, max, tagged fields), throttle_time_ms, tagged fields. Returns the frame with
    the final tagged-field section replaced by 0x00, or None if nothing changed."""
    if version < 3:
        return None
    pos = 4 + 2
    n, pos = read_uvarint(frame, pos)
    for _ in range(max(n - 1, 0)):
        pos += 6
        tags, pos = read_uvarint(frame, pos)
        for _ in range(tags):
            _, pos = read_uvarint(frame, pos)
            size, pos = read_uvarint(frame, pos)
            pos += size
    pos += 4  # throttle_time_ms
    if pos > len(frame):
        raise ValueError("truncated ApiVersions response")
    if frame[pos:] == b"\x00":
        return None
    return frame[:pos] + b"\x00"


class Recorder:
    def __init__(self, out, client, dedupe, max_per_kind, log_path):
        self.out = out
        self.client = client
        self.dedupe = dedupe
        self.max_per_kind = max_per_kind
        self.counts = {}
        self.seen = set()
        self.log = open(log_path, "a", buffering=1) if log_path else None
        os.makedirs(out, exist_ok=True)
        for name in sorted(os.listdir(out)):
            m = NAME_RE.match(name)
            if not m or m.group("client") != client:
                continue
            kind = (m.group("api"), m.group("dir"), int(m.group("ver")))
            self.counts[kind] = max(self.counts.get(kind, 0), int(m.group("seq")))
            if dedupe:
                try:
                    with open(os.path.join(out, name)) as f:
                        data = bytes.fromhex("".join(f.read().split()))
                    self.seen.add(self._dedupe_key(kind, data))
                except (OSError, ValueError):
                    pass

    @staticmethod
    def _dedupe_key(kind, data):
        # kind = (api, direction, version). Mask the correlation id: requests have it at
        # bytes 4..8, responses at 0..4.
        if kind[1] == "request" and len(data) >= 8:
            return kind + (data[:4] + b"\0\0\0\0" + data[8:],)
        if kind[1] == "response" and len(data) >= 4:
            return kind + (b"\0\0\0\0" + data[4:],)
        return kind + (data,)

    def event(self, **fields):
        if self.log:
            fields["t"] = round(time.time(), 6)
            self.log.write(json.dumps(fields, sort_keys=True) + "\n")

    def record(self, conn, direction, api_key, version, corr, data, note=None):
        api = api_name(api_key) if api_key is not None else "unknown"
        kind = (api, direction, version)
        entry = dict(ev="frame", conn=conn, dir=direction, api=api, api_key=api_key, v=version,
                     corr=corr, size=len(data))
        if note:
            entry["note"] = note
        if self.dedupe:
            key = self._dedupe_key(kind, data)
            if key in self.seen:
                entry["skipped"] = "duplicate"
                self.event(**entry)
                return None
        if self.max_per_kind is not None and self.counts.get(kind, 0) >= self.max_per_kind:
            entry["skipped"] = "max-per-kind"
            self.event(**entry)
            return None
        seq = self.counts.get(kind, 0) + 1
        self.counts[kind] = seq
        if self.dedupe:
            self.seen.add(self._dedupe_key(kind, data))
        name = "%s_%s_v%d_%s_%03d.hex" % (api, direction, version, self.client, seq)
        tmp = os.path.join(self.out, "." + name + ".tmp")
        with open(tmp, "w") as f:
            f.write(to_hex_lines(data))
        os.replace(tmp, os.path.join(self.out, name))
        entry["file"] = name
        self.event(**entry)
        return name


class Proxy:
    def __init__(self, args):
        self.args = args
        self.rec = Recorder(args.out, args.client, args.dedupe, args.max_per_kind, args.log)
        self.next_conn = 0
        self.tasks = set()

    async def read_frame(self, reader):
        try:
            head = await reader.readexactly(4)
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
        (size,) = struct.unpack(">i", head)
        if size < 0 or size > MAX_FRAME:
            raise ValueError("bad frame size %d" % size)
        try:
            return await reader.readexactly(size)
        except (asyncio.IncompleteReadError, ConnectionError):
            return None

    async def handle(self, c_reader, c_writer):
        conn = self.next_conn
        self.next_conn += 1
        try:
            u_reader, u_writer = await asyncio.open_connection("127.0.0.1", self.args.upstream)
        except OSError as e:
            self.rec.event(ev="upstream-connect-failed", conn=conn, error=str(e))
            c_writer.close()
            return
        self.rec.event(ev="open", conn=conn)
        pending = {}  # correlation id -> (api_key, version)
        closed_by = []

        async def client_to_upstream():
            while True:
                frame = await self.read_frame(c_reader)
                if frame is None:
                    closed_by.append("client")
                    return
                if len(frame) >= 8:
                    api_key, version, corr = struct.unpack(">hhi", frame[:8])
                    pending[corr] = (api_key, version)
                    self.rec.record(conn, "request", api_key, version, corr, frame)
                else:
                    self.rec.record(conn, "request", None, 0, None, frame, note="short frame")
                u_writer.write(struct.pack(">i", len(frame)) + frame)
                await u_writer.drain()

        async def upstream_to_client():
            while True:
                frame = await self.read_frame(u_reader)
                if frame is None:
                    closed_by.append("broker")
                    return
                corr = struct.unpack(">i", frame[:4])[0] if len(frame) >= 4 else None
                api_key, version = pending.pop(corr, (None, 0))
                note = None
                if api_key == 18 and self.args.strip_apiversions_tags:
                    try:
                        new = strip_apiversions_tags(frame, version)
                    except ValueError as e:
                        new = None
                        note = "strip failed: %s" % e
                    if new is not None:
                        note = "tagged fields %s replaced by 00" % frame[len(new) - 1:].hex()
                        frame = new
                self.rec.record(conn, "response", api_key, version, corr, frame, note=note)
                c_writer.write(struct.pack(">i", len(frame)) + frame)
                await c_writer.drain()

        t1 = asyncio.ensure_future(client_to_upstream())
        t2 = asyncio.ensure_future(upstream_to_client())
        try:
            done, rest = await asyncio.wait({t1, t2}, return_when=asyncio.FIRST_COMPLETED)
            for t in done:
                if t.exception() is not None and not isinstance(t.exception(), ConnectionError):
                    self.rec.event(ev="error", conn=conn, error=repr(t.exception()))
            if t1 in done and t2 not in done:
                # The client stopped sending; give the broker a moment for the last answers.
                try:
                    await asyncio.wait_for(asyncio.shield(t2), timeout=0.5 if pending else 0.05)
                except (asyncio.TimeoutError, Exception):
                    pass
        finally:
            for t in (t1, t2):
                if not t.done():
                    t.cancel()
            for w in (c_writer, u_writer):
                try:
                    w.close()
                except Exception:
                    pass
            for corr, (api_key, version) in sorted(pending.items()):
                self.rec.event(ev="no-response", conn=conn, corr=corr, api=api_name(api_key),
                               api_key=api_key, v=version, closed_by=",".join(closed_by) or "proxy")
            self.rec.event(ev="close", conn=conn, closed_by=",".join(closed_by) or "proxy")

    def _spawn(self, r, w):
        t = asyncio.ensure_future(self.handle(r, w))
        self.tasks.add(t)
        t.add_done_callback(self.tasks.discard)

    async def run(self):
        server = await asyncio.start_server(self._spawn, "127.0.0.1", self.args.listen,
                                            reuse_address=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        if self.args.ready_file:
            with open(self.args.ready_file, "w") as f:
                f.write("%d\n" % os.getpid())
        self.rec.event(ev="listening", port=self.args.listen, upstream=self.args.upstream,
                       client=self.args.client)
        await stop.wait()
        server.close()
        for t in list(self.tasks):
            t.cancel()
        if self.tasks:
            await asyncio.wait(self.tasks, timeout=2)
        self.rec.event(ev="stopped")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--listen", type=int, required=True, help="port on 127.0.0.1 to listen on")
    p.add_argument("--upstream", type=int, required=True, help="broker port on 127.0.0.1")
    p.add_argument("--out", required=True, help="output directory for the .hex frames")
    p.add_argument("--client", required=True, help="client label used in file names")
    p.add_argument("--dedupe", action="store_true")
    p.add_argument("--max-per-kind", type=int, default=None)
    p.add_argument("--strip-apiversions-tags", action="store_true")
    p.add_argument("--log", default=None)
    p.add_argument("--ready-file", default=None)
    args = p.parse_args()
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9-]*$", args.client):
        p.error("--client must be letters, digits and '-' (it becomes part of file names)")
    asyncio.run(Proxy(args).run())


if __name__ == "__main__":
    main()
