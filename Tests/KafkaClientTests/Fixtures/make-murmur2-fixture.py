#!/usr/bin/env python3
"""Regenerates murmur2-kafka-python.txt: murmur2 and keyed partitions computed by kafka-python (3.0.12), whose
pure-Python murmur2 is a port of the Java client's Utils.murmur2.

Each line: <key as lowercase hex, '-' for the empty key> <murmur2 as a signed 32-bit int> <partition of 3> <partition of 7>
Run from this directory: python3 make-murmur2-fixture.py > murmur2-kafka-python.txt
"""
import random
import sys

from kafka.partitioner.default import murmur2

COUNT = 10_000
SEED = 20_240_611


def signed(value):
    """kafka-python returns the hash as an unsigned 32-bit number; Java's int is signed."""
    return value - (1 << 32) if value >= (1 << 31) else value


def main():
    rng = random.Random(SEED)
    out = sys.stdout
    for _ in range(COUNT):
        key = bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
        unsigned = murmur2(key)
        positive = unsigned & 0x7FFFFFFF
        out.write(f"{key.hex() or '-'} {signed(unsigned)} {positive % 3} {positive % 7}\n")


if __name__ == "__main__":
    main()
