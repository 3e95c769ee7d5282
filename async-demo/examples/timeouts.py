"""The Python twin of timeouts.rs: asyncio.wait_for, asyncio.wait(..., FIRST_COMPLETED) and
task.cancel().

wait_for cancels what runs out of time, a coroutine or a task. wait takes tasks (from Python
3.11 a coroutine is refused) and returns when the first is done, with the
others still running: cancel them if you do not want them. A coroutine sees its cancellation as
CancelledError raised at the await where it waits. Run: python3 async-demo/examples/timeouts.py
"""
import asyncio
import time


async def job(name, secs):
    """A job that takes secs and returns 1; says so when it is cancelled."""
    try:
        await asyncio.sleep(secs)
    except asyncio.CancelledError:
        print(f"{name} was cancelled: its clean-up ran")
        raise  # swallowing it would refuse the cancellation
    return 1


async def main():
    # 1. wait_for over a coroutine: on time, and out of time.
    done = await asyncio.wait_for(job("the 0.1 s job", 0.1), 0.5)
    print(f"wait_for: the 0.1 s job finished: {done}")
    start = time.perf_counter()
    try:
        await asyncio.wait_for(job("the 2 s job under wait_for", 2), 0.5)
    except asyncio.TimeoutError:  # TimeoutError itself from Python 3.11
        print(f"wait_for: the 2 s job gave up after {time.perf_counter() - start:.2f} s")

    # 2. wait(FIRST_COMPLETED) over two tasks; the slower one runs on.
    start = time.perf_counter()
    fast = asyncio.create_task(job("the 0.1 s task", 0.1))
    slow = asyncio.create_task(job("the 0.5 s task that lost wait", 0.5))
    done, pending = await asyncio.wait({fast, slow}, return_when=asyncio.FIRST_COMPLETED)
    if done == {fast} and pending == {slow}:
        print(f"wait: the 0.1 s task finished first: {fast.result()}; the 0.5 s task runs on")

    # 3. task.cancel()
    cancel_start = time.perf_counter()
    task = asyncio.create_task(job("the 2 s task", 2))
    await asyncio.sleep(0.2)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"cancel: the task was cancelled after {time.perf_counter() - cancel_start:.2f} s")

    # 4. wait_for over a task cancels the task too.
    task = asyncio.create_task(job("the 0.5 s task under wait_for", 0.5))
    try:
        await asyncio.wait_for(task, 0.1)
    except asyncio.TimeoutError:
        if task.cancelled():
            print("wait_for over a task: gave up after 0.1 s; the task was cancelled")

    # The task that lost wait was not cancelled: it ran on, and holds its result.
    done = await slow
    secs = time.perf_counter() - start
    print(f"the 0.5 s task that lost wait ran to its end after {secs:.2f} s: {done}")


asyncio.run(main())
