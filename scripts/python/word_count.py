"""The lines and words of FILE, counted by K processes of a multiprocessing.Pool (the
counterpart of word_count_threads and word_count_processes): the file split into at most K ranges
of one size (the last one shorter or equal), each read 1 MiB at a time by a worker, a word that straddles two
ranges counted where it starts.
Usage: python3 word_count.py FILE K"""
import multiprocessing
import os
import sys

from summary import count_arg

BLOCK = 1 << 20


def count_range(path, start, end):
    """The lines and words of bytes start..end of the file at path (end None: to its end)."""
    lines = words = 0
    with open(path, "rb") as file:
        file.seek(max(start - 1, 0))
        before = file.read(1) if start > 0 else b"\n"
        left = None if end is None else end - start
        while left is None or left > 0:
            block = file.read(BLOCK if left is None else min(BLOCK, left))
            if not block:
                break
            if left is not None:
                left -= len(block)
            lines += block.count(b"\n")
            # split() counts a word cut by the block's start again: take it back.
            words += len(block.split()) - (not before.isspace() and not block[:1].isspace())
            before = block[-1:]
    return lines, words


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(f"{sys.argv[0]}: expected FILE and K", file=sys.stderr)
        sys.exit(2)
    path, k = sys.argv[1], count_arg(2, "K", 1024)
    if os.path.exists(path) and not os.path.isfile(path):
        print(f"{sys.argv[0]}: expected FILE, a regular file, not {path!r}", file=sys.stderr)
        sys.exit(2)
    try:
        size = os.path.getsize(path)
    except OSError as error:
        print(f"{sys.argv[0]}: cannot read {path}: {error.strerror}", file=sys.stderr)
        sys.exit(1)
    part = max(-(-size // k), 1)
    ranges = [(path, start, min(start + part, size)) for start in range(0, size, part)]
    if size == 0:  # a file of /proc says 0: read it to its end, as one range
        ranges = [(path, 0, None)]
    with multiprocessing.Pool(k) as pool:
        counts = pool.starmap(count_range, ranges)
    print(f"{sum(c[0] for c in counts)} lines, {sum(c[1] for c in counts)} words")
