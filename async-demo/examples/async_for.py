"""The Python twin of async_for.rs: `async for` over an async generator and over a queue.

Run: python3 async-demo/examples/async_for.py"""
import asyncio
import time


async def ticks(n):
    for i in range(1, n + 1):
        await asyncio.sleep(0.1)
        yield i


async def jobs(queue):
    """An async generator over a queue: it ends at the None the producer puts last."""
    while (job := await queue.get()) is not None:
        yield job


async def produce(queue):
    for n in range(1, 4):
        await queue.put(f"job {n}")
    await queue.put(None)


async def main():
    start = time.perf_counter()
    async for tick in ticks(3):
        print(f"ticks: {tick} after {time.perf_counter() - start:.2f} s")
    queue = asyncio.Queue(4)
    producer = asyncio.create_task(produce(queue))
    async for job in jobs(queue):
        print(f"jobs: {job}")
    print("jobs: the stream ended")
    await producer


asyncio.run(main())
