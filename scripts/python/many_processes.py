"""N forked children each sleep 1 s at once (the counterpart of process-demo's many_processes).

It forks with os.fork and reaps with os.wait4, the calls the Rust example makes, and measures the
memory as it does: the sum of every process's Pss (/proc/PID/smaps_rollup) once all children have
started, which divides each page among the processes that map it. A child that has slept its
second before the parent has read the memory (the forks took that long) waits for it, as there.
multiprocessing.Process, which the article uses, adds its own work on top (and forks only where
its start method is "fork")."""
import os
import sys
import time

from summary import count_arg, scale_summary


def pss_kib(pid):
    """The Pss of process pid in KiB, or None once it has ended (a zombie maps nothing)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None


n = count_arg(1, "N", 100_000)
# After its sleep, a child reads this pipe, which gives it b"" (end of file) once no process holds
# the write end: once the parent has read the memory and closed its copy.
release_r, release_w = os.pipe()
start = time.perf_counter()
children = []
try:
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            try:
                os.close(release_w)
                time.sleep(1)
                os.read(release_r, 1)
                os._exit(0)
            finally:
                os._exit(1)  # on Ctrl-C too: never carry on in the parent's code
        children.append(pid)
    shares = [pss_kib(pid) for pid in [os.getpid(), *children]]
finally:
    os.close(release_w)
    # Reap every child that started, even after a refused fork: none is left behind.
    failed = 0
    for pid in children:
        _, status, _ = os.wait4(pid, 0)
        failed += status != 0  # 0: it exited with status 0
wall = time.perf_counter() - start
if failed:
    sys.exit(f"{sys.argv[0]}: {failed} of {n} children failed")
if None in shares:
    sys.exit(f"{sys.argv[0]}: the memory of a process could not be read")
print(scale_summary("processes", n, wall, sum(shares)))
