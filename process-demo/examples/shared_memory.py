"""The Python twin of shared_memory.rs: multiprocessing.Value, a counter in memory that forked
processes share.

Two forked children each add 1 a million times to their own copy of the global `plain` (the
parent's stays 0) and to `total`, a Value. `total.value += 1` is a read and then a write, so
each add holds the Value's lock, as Python's docs say to; shared_memory.rs's fetch_add is one
indivisible step and needs none. Run: python3 process-demo/examples/shared_memory.py
"""
import multiprocessing
import sys

COUNT = 1_000_000
TIMEOUT = 60  # seconds to wait for a child, far longer than its adds take
plain = 0


def add(name, total):
    global plain
    for _ in range(COUNT):
        plain += 1
        with total.get_lock():
            total.value += 1
    print(f"{name} added {plain} to its copy of `plain` and to `total`")


def reap(child):
    """Joins child, killing it first if it has not ended within TIMEOUT."""
    child.join(TIMEOUT)
    if child.exitcode is None:
        child.kill()
        child.join()


if __name__ == "__main__":
    # "fork", as shared_memory.rs forks; from Python 3.14, Linux defaults to "forkserver".
    fork = multiprocessing.get_context("fork")
    total = fork.Value("Q", 0)  # a C unsigned long long, 0, with a lock
    children = []
    try:
        for name in ["B-0", "B-1"]:
            child = fork.Process(target=add, args=(name, total), name=name)
            child.start()
            children.append(child)
    finally:
        for child in children:
            reap(child)
    failed = [child for child in children if child.exitcode != 0]
    for child in failed:
        print(f"process {child.name} (pid {child.pid}) ended with exitcode {child.exitcode}",
              file=sys.stderr)
    if failed:
        sys.exit(1)
    print(f"the parent's `plain`: {plain}")
    print(f"the shared `total`: {total.value}")
