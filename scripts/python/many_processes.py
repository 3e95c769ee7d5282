"""N forked children each sleep 1 s at once (the counterpart of process-demo's many_processes).

It forks with os.fork and reaps with os.wait4, the calls the Rust example makes, so that both
count the same memory: the parent's peak plus each child's. multiprocessing.Process, which the
article uses, adds its own work on top (and forks only where its start method is "fork")."""
import os
import sys
import time

from summary import count_arg, peak_rss_kib, scale_summary

n = count_arg(1, "N", 100_000)
start = time.perf_counter()
children = []
try:
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            try:
                time.sleep(1)
                os._exit(0)
            finally:
                os._exit(1)  # on Ctrl-C too: never carry on in the parent's code
        children.append(pid)
finally:
    # Reap every child that started, even after a refused fork: none is left behind.
    children_kib, failed = 0, 0
    for pid in children:
        _, status, usage = os.wait4(pid, 0)
        failed += status != 0  # 0: it exited with status 0
        children_kib += usage.ru_maxrss  # KiB on Linux
wall = time.perf_counter() - start
if failed:
    sys.exit(f"{sys.argv[0]}: {failed} of {n} children failed")
print(scale_summary("processes", n, wall, peak_rss_kib() + children_kib))
