"""The Python twin of as_completed.rs: asyncio.as_completed hands back results as they finish.

Three downloads are given in the order A, B, C; A takes 0.6 s, B 0.2 s, C 0.4 s. Their results
come in the order B, C, A, each as soon as it is ready, and the whole takes 0.6 s, not 1.2 s.
as_completed wraps each coroutine in a Task, which runs by itself: while the loop body awaits,
the other downloads go on and finish. Run: python3 async-demo/examples/as_completed.py
"""
import asyncio
import time

# The downloads, in the order given, with the seconds each takes.
DOWNLOADS = [("A", 0.6), ("B", 0.2), ("C", 0.4)]
finished = []  # the names of the downloads that have finished, in that order


async def download(name, secs):
    await asyncio.sleep(secs)
    finished.append(name)
    return name


async def main():
    start = time.perf_counter()
    for next_done in asyncio.as_completed([download(name, secs) for name, secs in DOWNLOADS]):
        name = await next_done
        print(f"as_completed: {name} after {time.perf_counter() - start:.2f} s")

    # Again, with a loop body that awaits: 0.5 s of work on the first result.
    finished.clear()
    downloads = [download(name, secs) for name, secs in DOWNLOADS]
    for taken, next_done in enumerate(asyncio.as_completed(downloads)):
        name = await next_done
        if taken == 0:
            await asyncio.sleep(0.5)
            others = " and ".join(finished[1:])
            print(f"while the loop body awaited 0.5 s after {name}, {others} finished")


asyncio.run(main())
