"""The Python twin of task_panic.rs: a task that raises, a task nobody awaits, and gather.

`await task` raises the task's exception; a task whose exception nobody retrieves is logged as
"Task exception was never retrieved" when it is destroyed. gather(..., return_exceptions=True)
returns every outcome; a plain gather raises the first exception and leaves the other tasks
running. Run: python3 async-demo/examples/task_panic.py
"""
import asyncio
import time


async def job(name):
    print(f"{name}: Starting...")
    if name == "C-2":
        await asyncio.sleep(0.1)
        raise ValueError(f"{name} got a bad input")
    await asyncio.sleep(0.5)
    print(f"{name}: Finished.")
    return name


async def fail(message):
    raise ValueError(message)


async def main():
    task = asyncio.create_task(fail("the task got a bad input"))
    try:
        await task
    except ValueError as error:
        print(f"the task raised: {error}")
    # No reference kept: once it has failed, the task is destroyed and its exception logged.
    asyncio.create_task(fail("nobody awaits this task"))

    outcomes = await asyncio.gather(job("C-1"), job("C-2"), job("C-3"), return_exceptions=True)
    print(f"gather(return_exceptions=True): {outcomes!r}")

    start = time.perf_counter()
    try:
        await asyncio.gather(job("C-1"), job("C-2"), job("C-3"))
    except ValueError as error:
        print(f"gather raised {error!r} after {time.perf_counter() - start:.2f} s")
        await asyncio.sleep(0.5)
        print("0.50 s later: C-1 and C-3 ran on")
        raise


asyncio.run(main())
