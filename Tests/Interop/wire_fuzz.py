#!/usr/bin/env python3
"""Wire fuzzer for a Kafka broker: sends mutated frames built from captured real requests.

usage: wire_fuzz.py HOST:PORT [--cases N] [--seed S] [--fixtures DIR] [--pid PID]

Each case takes a request frame captured from a real client (Tests/KafkaProtocolTests/Fixtures/frames)
and damages it: bit flips, truncation, a wrong API version, a huge or negative length prefix, random
garbage, extra bytes. It is sent on a fresh connection, and whatever comes back (or a closed
connection) is accepted. After every 100 cases the broker must still be healthy: a clean ApiVersions
and Metadata request, each answered within 1 s. With --pid, the broker process must still be alive.
Exit 0 when all cases ran with a healthy broker throughout; 1 otherwise, with one line saying why.
Standard library only; loopback only.
"""
import argparse
import os
import random
import socket
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FIXTURES = os.path.join(HERE, "..", "KafkaProtocolTests", "Fixtures", "frames")


def load_requests(directory):
    frames = []
    for name in sorted(os.listdir(directory)):
        if "_request_v" in name and name.endswith(".hex"):
            with open(os.path.join(directory, name)) as handle:
                frames.append(bytes.fromhex(handle.read().replace("\n", "")))
    if not frames:
        raise SystemExit("wire_fuzz: no request frames in %s" % directory)
    return frames


def mutate(frame, rng):
    """Returns the bytes to put on the wire (size prefix included) for one damaged request."""
    body = bytearray(frame)
    kind = rng.randrange(8)
    if kind == 0:  # bit flips
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(body))
            body[position] ^= 1 << rng.randrange(8)
    elif kind == 1:  # truncated body, honest prefix
        body = body[: rng.randrange(len(body))]
    elif kind == 2:  # a version no broker supports, or a random one
        struct.pack_into(">h", body, 2, rng.choice([-1, 99, 0x7FFF, rng.randrange(-5, 30)]))
    elif kind == 3:  # unknown API key
        struct.pack_into(">h", body, 0, rng.choice([-1, 999, 0x7FFF, rng.randrange(90, 200)]))
    elif kind == 4:  # lying size prefix: huge, negative, or longer than what follows
        size = rng.choice([0x7FFFFFFF, -1, -0x80000000, len(body) + rng.randint(1, 1000), 200 * 1024 * 1024])
        return struct.pack(">i", size) + bytes(body)
    elif kind == 5:  # garbage of the right length
        body = bytearray(rng.getrandbits(8) for _ in range(rng.randint(1, 256)))
    elif kind == 6:  # trailing garbage
        body += bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 64)))
    else:  # overwrite a run of bytes with 0xff (lengths of -1, huge varints)
        start = rng.randrange(len(body))
        for position in range(start, min(len(body), start + rng.randint(1, 6))):
            body[position] = 0xFF
    return struct.pack(">i", len(body)) + bytes(body)


def send_case(address, payload, wait_for_answer):
    try:
        with socket.create_connection(address, timeout=2) as connection:
            connection.sendall(payload)
            if wait_for_answer:  # let the broker answer or close; otherwise hang up mid-request
                connection.settimeout(0.05)
                try:
                    connection.recv(65536)
                except (socket.timeout, OSError):
                    pass
    except OSError:
        pass  # refused or reset: the health check below decides whether that is a problem


def request(api_key, version, correlation_id, body):
    header = struct.pack(">hhih", api_key, version, correlation_id, 4) + b"fuzz"
    frame = header + body
    return struct.pack(">i", len(frame)) + frame


def read_frame(connection):
    def read_exactly(count):
        data = b""
        while len(data) < count:
            chunk = connection.recv(count - len(data))
            if not chunk:
                raise OSError("connection closed")
            data += chunk
        return data

    (size,) = struct.unpack(">i", read_exactly(4))
    return read_exactly(size)


def healthy(address):
    """ApiVersions v0 and Metadata v1 (all topics), each answered within 1 s on a new connection."""
    try:
        with socket.create_connection(address, timeout=1) as connection:
            connection.settimeout(1)
            connection.sendall(request(18, 0, 1, b""))
            response = read_frame(connection)
            if struct.unpack(">i", response[:4])[0] != 1 or struct.unpack(">h", response[4:6])[0] != 0:
                return "ApiVersions answered wrongly"
            connection.sendall(request(3, 1, 2, struct.pack(">i", -1)))
            response = read_frame(connection)
            if struct.unpack(">i", response[:4])[0] != 2:
                return "Metadata answered with the wrong correlation id"
    except (OSError, struct.error) as error:
        return "no answer within 1 s (%s)" % error
    return None


def alive(pid):
    try:
        with open("/proc/%d/status" % pid) as status:
            return not any(line.startswith("State:") and "Z" in line.split()[1:2] for line in status)
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address")
    parser.add_argument("--cases", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fixtures", default=DEFAULT_FIXTURES)
    parser.add_argument("--pid", type=int)
    arguments = parser.parse_args()
    host, _, port = arguments.address.rpartition(":")
    address = (host or "127.0.0.1", int(port))
    rng = random.Random(arguments.seed)
    frames = load_requests(arguments.fixtures)
    started = time.time()
    problem = healthy(address)
    if problem:
        print("wire_fuzz: broker not healthy before the first case: %s" % problem, file=sys.stderr)
        return 1
    for case in range(1, arguments.cases + 1):
        send_case(address, mutate(rng.choice(frames), rng), wait_for_answer=rng.random() < 0.2)
        if case % 100 == 0 or case == arguments.cases:
            if arguments.pid and not alive(arguments.pid):
                print("wire_fuzz: broker process exited after case %d (seed %d)" % (case, arguments.seed), file=sys.stderr)
                return 1
            problem = healthy(address)
            if problem:
                print("wire_fuzz: after case %d (seed %d): %s" % (case, arguments.seed, problem), file=sys.stderr)
                return 1
    print("wire_fuzz: %d cases, broker healthy throughout (%.1f s)" % (arguments.cases, time.time() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
