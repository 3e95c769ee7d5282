"""The Python twin of event.rs: threading.Event, the flag and Condition that event.rs builds.

A wait that nobody ends gives up at its timeout and returns False; then three threads wait until
main sets the event, and each wait returns True. Run: python3 threads-demo/examples/event.py
"""
import sys
import threading
import time

event = threading.Event()

start = time.perf_counter()
flag = event.wait(0.1)
secs = time.perf_counter() - start
print(f"wait(100 ms) with nobody to set the event: {flag} after {secs:.2f} s")

timed_out = []


def waiter():
    name = threading.current_thread().name
    if event.wait(timeout=5):
        print(f"{name} woke: the event is set")
    else:
        timed_out.append(name)


waiters = [threading.Thread(target=waiter, name=f"W-{n}") for n in (1, 2, 3)]
for w in waiters:
    w.start()
# Time for the waiters to start waiting; one that comes late finds the flag set and goes on.
time.sleep(0.1)
print("main sets the event")
event.set()
for w in waiters:
    w.join()
if timed_out:
    sys.exit(f"{', '.join(timed_out)} waited 5 s and gave up")
