"""The Python twin of thread_pool.rs: ThreadPoolExecutor(max_workers=3).map over 6 items.

map returns the results in the items' order, whichever worker did each, and the with block
waits for every worker. Run: python3 threads-demo/examples/thread_pool.py
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

WORKERS = 3
WAIT = 0.2

counts = threading.Lock()  # guards now and most
now = most = 0


def square(x):
    global now, most
    with counts:
        now += 1
        most = max(most, now)
    time.sleep(WAIT)  # stands in for I/O
    with counts:
        now -= 1
    return x * x


items = [1, 2, 3, 4, 5, 6]
start = time.perf_counter()
with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    results = list(pool.map(square, items, timeout=5))
secs = time.perf_counter() - start
print(f"results: {results}")
print(f"{len(items)} items on {WORKERS} workers, at most {most} at once: {secs:.2f} s "
      f"(one after another: {WAIT * len(items):.2f} s)")
