"""The Python twin of shared_counter.rs: eight threads each add 1 to one counter 100,000 times.

With a threading.Lock around counter += 1, the total is exactly 800000, every run. Without one,
Python runs the code that Rust's compiler refuses, and nothing guarantees its total (Python's FAQ
lists i = i+1 among the operations that are not atomic): the second line shows what this run got.
Run: python3 threads-demo/examples/shared_counter.py
"""
import threading

THREADS = 8
ADDS = 100_000

counter = 0
lock = threading.Lock()


def add_locked():
    global counter
    for _ in range(ADDS):
        with lock:
            counter += 1


def add_unlocked():
    global counter
    for _ in range(ADDS):
        counter += 1


def run(add):
    """Runs add on THREADS threads at once, and returns the counter once every one has ended."""
    global counter
    counter = 0
    threads = [threading.Thread(target=add) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


print(f"Lock total:     {run(add_locked)}")
print(f"unlocked total: {run(add_unlocked)} this run; nothing guarantees it")
