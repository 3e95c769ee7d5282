"""N asyncio futures each resolved by a 1 s timer, gathered in one task, with no Task each (the
counterpart of async-demo's many_futures, N sleeps joined with join_all). These are the two
pieces asyncio.sleep is made of (Lib/asyncio/tasks.py: `loop.create_future()` and
`loop.call_later`), without the coroutine and the Task that gather would wrap it in."""
import asyncio
import time

from summary import count_arg, peak_rss_kib, scale_summary


async def main(n):
    loop = asyncio.get_running_loop()
    futures = [loop.create_future() for _ in range(n)]
    for future in futures:
        loop.call_later(1, future.set_result, None)
    await asyncio.gather(*futures)  # futures are awaited as they are, not wrapped

n = count_arg(1, "N", 10_000_000)
start = time.perf_counter()
asyncio.run(main(n))
print(scale_summary("futures", n, time.perf_counter() - start, peak_rss_kib()))
