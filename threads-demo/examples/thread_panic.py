"""The Python twin of thread_panic.rs: a thread that raises.

threading prints the exception's traceback on stderr (threading.excepthook) and join() returns
None all the same: the caller cannot tell. A ThreadPoolExecutor's future.result() raises it again
in the caller, as Rust's join returns the panic. Run: python3 threads-demo/examples/thread_panic.py
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def task(n):
    name = threading.current_thread().name
    print(f"Task {name}: Starting...")
    time.sleep(0.5)
    if n == 1:
        raise ValueError(f"{name} got a bad input: {n}")
    print(f"Task {name}: Finished.")
    return n * 10


threads = [threading.Thread(target=task, args=(n,), name=f"A-{n}") for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    print(f"{t.name} joined: {t.join()}")

with ThreadPoolExecutor(1, thread_name_prefix="pool") as pool:
    future = pool.submit(task, 1)
    future.result()  # raises the ValueError here, in the main thread
