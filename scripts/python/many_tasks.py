"""N asyncio Tasks each sleep 1 s at once (the counterpart of async-demo's many_tasks, N spawned
tokio tasks). `asyncio.gather(*coroutines)`, the article's way, does the same work: gather wraps
each coroutine in a Task (https://docs.python.org/3/library/asyncio-task.html#asyncio.gather)."""
import asyncio
import time

from summary import count_arg, peak_rss_kib, scale_summary


async def main(n):
    tasks = [asyncio.create_task(asyncio.sleep(1)) for _ in range(n)]
    await asyncio.gather(*tasks)

n = count_arg(1, "N", 10_000_000)
start = time.perf_counter()
asyncio.run(main(n))
print(scale_summary("tasks", n, time.perf_counter() - start, peak_rss_kib()))
