"""The Python twin of thread_local.rs: threading.local(), an object of which each thread sees
attributes of its own.

handle() counts its calls in local.calls, per thread, and in all_calls, one count that every
thread shares under a lock. T-1 calls it once, T-2 twice, T-3 three times; each reads back only
its own calls. A subclass's __init__ runs once in each thread that uses the object, so main, which
made no call, reads 0. Run: python3 threads-demo/examples/thread_local.py
"""
import threading


class Local(threading.local):
    def __init__(self):
        self.calls = 0


local = Local()
all_calls = 0
all_lock = threading.Lock()


def handle():
    global all_calls
    local.calls += 1
    with all_lock:
        all_calls += 1


counts = {}


def run(calls):
    for _ in range(calls):
        handle()
    counts[threading.current_thread().name] = local.calls


threads = [threading.Thread(target=run, args=(n,), name=f"T-{n}") for n in (1, 2, 3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for name, count in sorted(counts.items()):
    print(f"{name}: local.calls is {count}")
print(f"main: local.calls is {local.calls}")
print(f"every thread: all_calls is {all_calls}")
