"""The Python twin of multi_thread.rs: CPU-bound tasks in asyncio, whose loop has one thread.

An event loop runs every task on its one thread. One CPU-bound count per core (pure Python) is run
four ways, and the run counts how many counts were in progress at the same moment:

1. As tasks on the loop: each runs to its end before the next starts: 1 at once.
2. The same, but the count stops every 100,000 to `await asyncio.sleep(0)` (tokio's
   `yield_now`): the tasks take turns on the one thread, all in progress at once, in about the
   same time.
3. On threads (asyncio.to_thread): all in progress at once, but CPython's GIL lets one thread at a
   time execute Python bytecode, so they take about as long as one after another.
4. In processes (loop.run_in_executor with a ProcessPoolExecutor), each with its own interpreter:
   they run in parallel.

Each of 5 rounds times all four; the run prints each way's median time and the most counts it had
in progress at once, and the speedups (the first way's time over the third's and the fourth's).
Run (Python 3.9 and later): python3 async-demo/examples/multi_thread.py
"""
import asyncio
import multiprocessing
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

COUNT = 2_000_000
CHUNK = 100_000
ROUNDS = 5

# [now, most]: how many counts are in progress now, and the most there have been at once; shared
# by the loop's thread, the executor's threads and the worker processes.
counter = None


def share(shared_counter):
    global counter
    counter = shared_counter


def count_begins():
    with counter.get_lock():
        counter[0] += 1
        counter[1] = max(counter[1], counter[0])


def count_ends():
    with counter.get_lock():
        counter[0] -= 1


def count_to(n):
    total = 0
    for _ in range(n):
        total += 1
    return total


def count():
    """One count in one go: for a task on the loop, a thread or a process."""
    count_begins()
    total = count_to(COUNT)
    count_ends()
    return total


async def count_on_the_loop():
    return count()


async def count_taking_turns():
    count_begins()
    total = 0
    for _ in range(COUNT // CHUNK):
        total += count_to(CHUNK)
        await asyncio.sleep(0)  # back to the loop, so that the other tasks can run
    count_ends()
    return total


async def timed(tasks, work):
    """Runs `tasks` counts made by `work`; returns the seconds taken and the most at once."""
    counter[1] = 0
    start = time.perf_counter()
    totals = await asyncio.gather(*(work() for _ in range(tasks)))
    assert totals == [COUNT] * tasks
    return time.perf_counter() - start, counter[1]


async def main(cores, pool):
    loop = asyncio.get_running_loop()
    # Start the worker processes now: outside the timing, and before any thread (the
    # multiprocessing docs: "safely forking a multithreaded process is problematic").
    await asyncio.gather(*(loop.run_in_executor(pool, count_to, 1) for _ in range(cores)))
    rounds = []
    for _ in range(ROUNDS):
        rounds.append([
            await timed(cores, count_on_the_loop),
            await timed(cores, count_taking_turns),
            await timed(cores, lambda: asyncio.to_thread(count)),
            await timed(cores, lambda: loop.run_in_executor(pool, count)),
        ])
    # For each way, the median time (one slow round cannot move it) and the most at once.
    return [
        (statistics.median(r[way][0] for r in rounds), max(r[way][1] for r in rounds))
        for way in range(4)
    ]


def row(label, secs_and_most, why):
    secs, most = secs_and_most
    print(f"{label:<35}{secs:.3f} s, {most} at once ({why})")


if __name__ == "__main__":
    # The cores this process may run on (os.cpu_count() counts the machine's).
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"cores: {cores}")
    if cores == 1:
        print("only 1 core: the counts can only take turns on it, so expect no speedup")
    shared_counter = multiprocessing.Array("i", 2)
    share(shared_counter)
    with ProcessPoolExecutor(cores, initializer=share, initargs=(shared_counter,)) as pool:
        alone, turns, threads, processes = asyncio.run(main(cores, pool))
    row("one event loop:", alone, "each task runs to its end")
    row("one event loop, asyncio.sleep(0):", turns, "the tasks take turns")
    if cores == 1:
        threads_label, processes_label, parallel = "1 thread", "1 process", "taking turns"
    else:
        threads_label, processes_label = f"{cores} threads", f"{cores} processes"
        parallel = "in parallel"
    row(f"asyncio.to_thread, {threads_label}:", threads, "the GIL: they take turns")
    row(f"ProcessPoolExecutor, {processes_label}:", processes, parallel)
    speedups = f"threads {alone[0] / threads[0]:.2f}, processes {alone[0] / processes[0]:.2f}"
    print(f"speedup: {speedups} (medians of {ROUNDS} rounds)")
