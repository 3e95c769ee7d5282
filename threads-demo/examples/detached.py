"""The Python twin of detached.rs: Python waits at exit for every thread not marked daemon=True.

A-0 is an ordinary (non-daemon) thread that main never joins: when the script ends, Python waits
for A-0's 2 s of work, and its "Finished" line comes last. A-1 is a daemon thread with 4 s of
work: it is stopped mid-work when Python exits, as Rust stops every thread when main returns.
The run takes 2 s, not 4. Run: python3 threads-demo/examples/detached.py
"""
import threading
import time


def task(seconds, started):
    name = threading.current_thread().name
    print(f"Task {name}: Starting...")
    started.set()
    time.sleep(seconds)
    print(f"Task {name}: Finished.")


print("non-daemon: main does not join A-0, and Python waits for it at exit")
started = threading.Event()
threading.Thread(target=task, args=(2, started), name="A-0").start()
started.wait(timeout=5)

print("daemon: main ends once A-1 has started")
started = threading.Event()
threading.Thread(target=task, args=(4, started), name="A-1", daemon=True).start()
started.wait(timeout=5)
print("main ends: Python waits for A-0, then exits, and A-1 with it")
