"""The article's CPU-bound count (10**7 increments), K times over: one count after another on one
thread, then one count on each of K threads at once, then on each of K processes at once. K is
the number of cores this process may use, or the argument K. The counterpart of threads-demo's
cpu_parallel, which counts 500 million per count and has no GIL: there the threads go up to K
times faster, where K cores are free. Here, on CPython's default build, the GIL lets one thread run Python code at a time
(https://docs.python.org/3/glossary.html#term-global-interpreter-lock), so the threads take
turns; the processes each have an interpreter of their own. Each count says when it starts and
finishes, for scripts/timeline.sh."""
import multiprocessing
import os
import sys
import threading
import time

from summary import count_arg

COUNT = 10**7


def say(line):
    # One write() per line, flushed at once, for timeline.sh to stamp as it arrives. print(line)
    # writes the text and the newline apart: unbuffered (-u, PYTHONUNBUFFERED), another thread's
    # line could land between them.
    print(line + "\n", end="", flush=True)


def count(name):
    say(f"{name}: Starting...")
    total = 0
    for _ in range(COUNT):
        total += 1
    say(f"{name}: Finished.")
    return total


def at_once(kind, name, k):
    """Seconds for k counts at once, each on a unit of `kind` (threading.Thread or Process)."""
    start = time.perf_counter()
    units = [kind(target=count, args=(f"{name} {i + 1}",)) for i in range(k)]
    for unit in units:
        unit.start()
    for unit in units:
        unit.join()
    return time.perf_counter() - start


if __name__ == "__main__":
    k = count_arg(1, "K", 64) if len(sys.argv) > 1 else len(os.sched_getaffinity(0))
    start = time.perf_counter()
    counts = [count(f"alone {i + 1}") for i in range(k)]
    alone = time.perf_counter() - start
    threads = at_once(threading.Thread, "thread", k)
    processes = at_once(multiprocessing.Process, "process", k)
    print(f"1 thread, {k} counts one after another: {alone:.3f} s")
    print(f"{k} threads, one count each at once:    {threads:.3f} s")
    print(f"{k} processes, one count each at once:  {processes:.3f} s")
    print("counts:", *counts)
    print(f"speedup: {alone / threads:.2f} with threads, {alone / processes:.2f} with processes")
