"""The Python twin of async_queue.rs: asyncio.Queue(maxsize=2) and asyncio.Semaphore(3).

A producer task puts ten jobs on a queue that holds two. The consumer takes one of three
permits, then a job off the queue, and starts a task that works on it (0.2 s) and gives the
permit back. So at most three jobs run at once, and while three run the consumer takes nothing:
the queue fills and the producer waits at `await queue.put(job)`. A None put last ends the
consumer's loop (from Python 3.13, queue.shutdown() can end it instead).
Run: python3 async-demo/examples/async_queue.py
"""
import asyncio
import time

JOBS = 10
WORK = 0.2  # seconds
now = most = 0  # how many jobs are running now, and the most there have been at once


async def work(semaphore, job):
    global now, most
    now += 1
    most = max(most, now)
    try:
        await asyncio.sleep(WORK)  # stands in for I/O
    finally:
        now -= 1
        semaphore.release()  # gives back the permit the consumer took
    return job


async def produce(queue):
    full, waited = 0, 0.0
    for job in range(1, JOBS + 1):
        # `await queue.put(job)`, told apart: put_nowait raises QueueFull when the queue holds two.
        try:
            queue.put_nowait(job)
        except asyncio.QueueFull:
            start = time.perf_counter()
            await queue.put(job)
            full, waited = full + 1, waited + time.perf_counter() - start
    await queue.put(None)
    return full, waited


async def main():
    start = time.perf_counter()
    queue = asyncio.Queue(maxsize=2)
    producer = asyncio.create_task(produce(queue))
    semaphore = asyncio.Semaphore(3)
    running = []
    while True:
        await semaphore.acquire()
        job = await queue.get()
        if job is None:
            semaphore.release()
            break
        running.append(asyncio.create_task(work(semaphore, job)))
    done = sorted(await asyncio.gather(*running))
    secs = time.perf_counter() - start
    full, waited = await producer
    print(f"{len(done)} jobs done: {done}")
    print(f"at most {most} at once: {secs:.2f} s (one after another: {WORK * JOBS:.2f} s)")
    print(f"the queue was full at {full} puts of {JOBS}: the producer waited {waited:.2f} s")


asyncio.run(main())
