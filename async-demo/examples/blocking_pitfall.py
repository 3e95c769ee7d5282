"""The Python twin of blocking_pitfall.rs: what happens when async code blocks instead of awaiting.

asyncio runs every task of a loop on the loop's one thread, and a task hands the thread back only
at an await. Of the Rust example's two causes (the futures of one task; the tasks of a
current-thread runtime), Python has the second: time.sleep in one coroutine stalls every task.
Three waits of 1 s are timed three ways, and the run counts how many of them were under way at the
same moment. Run (Python 3.9 and later): python3 async-demo/examples/blocking_pitfall.py
"""
import asyncio
import threading
import time

WAIT = 1
# How many waits are under way now, and the most there have been at once. The lock is for the
# waits that run on the executor's threads.
counts = threading.Lock()
now = most = 0


def wait_begins():
    global now, most
    with counts:
        now += 1
        most = max(most, now)


def wait_ends():
    global now
    with counts:
        now -= 1


async def blocking_wait():
    wait_begins()
    time.sleep(WAIT)  # no await: the loop runs nothing else until it returns
    wait_ends()


async def awaiting_wait():
    wait_begins()
    await asyncio.sleep(WAIT)
    wait_ends()


def sleep_in_a_thread():
    wait_begins()
    time.sleep(WAIT)
    wait_ends()


async def offloaded_wait():
    # On a thread of the loop's default executor, as loop.run_in_executor(None, ...) does.
    await asyncio.to_thread(sleep_in_a_thread)


async def three(wait):
    """Runs three waits as three tasks; returns the seconds it took and the most at once."""
    global most
    most = 0
    start = time.perf_counter()
    await asyncio.gather(wait(), wait(), wait())
    return time.perf_counter() - start, most


async def main():
    rows = [
        ("time.sleep, 3 tasks:", blocking_wait, "one thread: one at a time"),
        ("asyncio.sleep, 3 tasks:", awaiting_wait, "it yields to the loop"),
        ("asyncio.to_thread(time.sleep), 3 tasks:", offloaded_wait, "on the executor's threads"),
    ]
    for what, wait, why in rows:
        secs, at_once = await three(wait)
        print(f"{what:<45}{secs:.2f} s, {at_once} at once ({why})")


asyncio.run(main())
