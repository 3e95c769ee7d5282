"""The Python twin of async_event.rs: asyncio.Future, asyncio.Event, and a Condition's notify
that comes while nobody waits. Run: python3 async-demo/examples/async_event.py"""
import asyncio
import time


async def waiter(event, number):
    await event.wait()
    return number


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    loop.call_later(0.1, future.set_result, 42)
    print(f"future: the task set {await future}")  # here a call_later callback, in place of a task

    event = asyncio.Event()
    waiters = [asyncio.create_task(waiter(event, n)) for n in (1, 2, 3)]
    event.set()
    woke = sorted(await asyncio.gather(*waiters))
    print(f"event: waiters {woke} woke when main set it")
    start = time.perf_counter()
    await asyncio.wait_for(event.wait(), 1)
    if time.perf_counter() - start < 0.05:
        print("event: a waiter that came after it was set returned at once")

    condition = asyncio.Condition()
    async with condition:
        condition.notify()
        try:
            await asyncio.wait_for(condition.wait(), 0.1)
        except asyncio.TimeoutError:  # TimeoutError itself from Python 3.11
            print("condition: a notify() with nobody waiting was lost: the next wait() waited")


asyncio.run(main())
