"""The Python twin of pool_submit.rs: ThreadPoolExecutor.submit and as_completed.

The outcomes arrive as the jobs finish; J0's exception is kept in its future, printed nowhere,
and raised by result(). Run: python3 threads-demo/examples/pool_submit.py
"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

JOBS = [1.0, 0.2, 0.4, 0.2]  # how long each job takes, in seconds


def job(n):
    time.sleep(JOBS[n])
    if n == 0:
        raise ValueError(f"J{n} got a bad input")
    return n * n


start = time.perf_counter()
failed = 0
with ThreadPoolExecutor(max_workers=2) as pool:
    futures = {pool.submit(job, n): n for n in range(len(JOBS))}
    for future in as_completed(futures):
        n = futures[future]
        try:
            print(f"J{n} returned {future.result()}")
        except ValueError as error:
            print(f"J{n} raised: {error}")
            failed += 1
print(f"{len(JOBS)} jobs on 2 workers: {time.perf_counter() - start:.2f} s "
      f"(one after another: {sum(JOBS):.2f} s)")
sys.exit(1 if failed else 0)
