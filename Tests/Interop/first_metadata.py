#!/usr/bin/env python3
"""Starts a broker command and measures the time from spawning it to the first answered Metadata request.

usage: first_metadata.py PORT PIDFILE -- COMMAND...
Spawns COMMAND (stdout/stderr inherited), then, as fast as it can, connects to 127.0.0.1:PORT and sends a
Metadata v1 request for all topics until a whole response with the same correlation id comes back. Prints
`first-metadata-ms <milliseconds>`, then waits for the broker (its pid is in PIDFILE) to exit and exits with its
status, so the caller can check how a signal ended it. Exit 1 if nothing answers within 10 s.
"""
import os
import socket
import struct
import subprocess
import sys
import time


def metadata_v1_request(correlation_id):
    # api key 3, version 1, correlation id, client id "probe", topics = null (all topics)
    client = b"probe"
    body = struct.pack(">hhih", 3, 1, correlation_id, len(client)) + client + struct.pack(">i", -1)
    return struct.pack(">i", len(body)) + body


def read_exact(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def probe(port):
    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
        sock.sendall(metadata_v1_request(1))
        size = struct.unpack(">i", read_exact(sock, 4))[0]
        frame = read_exact(sock, size)
        return struct.unpack(">i", frame[:4])[0] == 1


def main():
    port, pidfile = int(sys.argv[1]), sys.argv[2]
    command = sys.argv[sys.argv.index("--") + 1:]
    start = time.monotonic()
    process = subprocess.Popen(command)
    with open(pidfile, "w") as f:
        f.write(str(process.pid))
    while time.monotonic() - start < 10:
        if process.poll() is not None:
            print(f"first_metadata: broker exited with {process.returncode}", file=sys.stderr)
            return 1
        try:
            if probe(port):
                print(f"first-metadata-ms {(time.monotonic() - start) * 1000:.1f}", flush=True)
                return process.wait()
        except OSError:
            time.sleep(0.0005)
    print("first_metadata: no Metadata answer within 10 s", file=sys.stderr)
    process.kill()
    return 1


if __name__ == "__main__":
    sys.exit(main())
