"""N threads each sleep 1 s at once (the counterpart of threads-demo's many_threads)."""
import threading
import time

from summary import count_arg, peak_rss_kib, scale_summary

n = count_arg(1, "N", 100_000)
start = time.perf_counter()
threads = [threading.Thread(target=time.sleep, args=(1,)) for _ in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(scale_summary("threads", n, time.perf_counter() - start, peak_rss_kib()))
