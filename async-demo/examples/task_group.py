"""The Python twin of task_group.rs: asyncio.TaskGroup (Python 3.11 or later).

Five tasks start together. T-1 and T-2 finish. T-3 and T-4 fail, both at 0.3 s; then the group
cancels the task still running (T-5, which would take a second), which catches CancelledError to
run its clean-up, and raises an ExceptionGroup that holds both failures. Nobody catches it:
Python prints it with each failure's traceback and exits with status 1.
Run: python3 async-demo/examples/task_group.py
"""
import asyncio


async def fetch(name, tenths, at_three_tenths):
    """Waits `tenths` of a second, then returns `tenths` squared, or fails."""
    try:
        if tenths == 3:
            await at_three_tenths.wait()
        else:
            await asyncio.sleep(tenths / 10)
    except asyncio.CancelledError:
        print(f"{name} was cancelled: its clean-up ran")
        raise
    if name == "T-3":
        raise ValueError(f"no data for {name}")
    if name == "T-4":
        raise RuntimeError(f"bad data for {name}")
    print(f"{name} finished: {tenths * tenths}")
    return tenths * tenths


async def main():
    # T-3 and T-4 wait for one event, so that both fail before the group cancels the others.
    at_three_tenths = asyncio.Event()
    asyncio.get_running_loop().call_later(0.3, at_three_tenths.set)
    async with asyncio.TaskGroup() as group:
        for name, tenths in [("T-1", 1), ("T-2", 2), ("T-3", 3), ("T-4", 3), ("T-5", 10)]:
            group.create_task(fetch(name, tenths, at_three_tenths))


asyncio.run(main())
