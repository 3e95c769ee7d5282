"""The Python twin of deadlock.rs: two threads take two locks in opposite orders and deadlock.

T-1 moves money from A to B and T-2 from B to A, each locking the account it pays from first; a
Barrier makes sure each holds its first lock before it asks for its second. The deadlock is the
same as in Rust, and main notices it the same way: nothing happened for a second. Python's lock
has a timeout, where std's has none: each acquire(timeout=1) returns False, each thread lets go
of its first lock, and main joins both (left stuck, they would keep Python from exiting: it waits
for every non-daemon thread). Then the fix: one lock order, A then B.
Run: python3 threads-demo/examples/deadlock.py
"""
import queue
import sys
import threading


class Account:
    def __init__(self, name):
        self.name = name
        self.balance = 100
        self.lock = threading.Lock()


def transfer(who, source, target, one_order, barrier, reports, gave_up):
    """who moves 10 from source to target. It locks source first, or with one_order the account
    whose name comes first. With a barrier, it waits there between the two locks."""
    first, second = source, target
    if one_order and target.name < source.name:
        first, second = target, source
    with first.lock:
        if barrier:
            barrier.wait()
            reports.put(f"{who} holds lock {first.name} and waits for lock {second.name}")
        if not second.lock.acquire(timeout=1):
            if barrier:
                barrier.wait()  # let go only once both have given up: neither gets through
            gave_up.append(f"{who} gave up on lock {second.name}: "
                           "acquire(timeout=1) returned False")
            return
        try:
            source.balance -= 10
            target.balance += 10
        finally:
            second.lock.release()
    reports.put(f"{who} finished")


def run(one_order):
    """Runs T-1 (A to B) and T-2 (B to A) on two new accounts; returns what they said, sorted,
    and which gave up. Without one_order, a barrier makes them deadlock."""
    a, b = Account("A"), Account("B")
    barrier = None if one_order else threading.Barrier(2, timeout=5)
    reports, gave_up = queue.Queue(), []
    threads = [
        threading.Thread(target=transfer, args=(who, source, target, one_order, barrier, reports,
                                                gave_up))
        for who, source, target in [("T-1", a, b), ("T-2", b, a)]
    ]
    for t in threads:
        t.start()
    seen = []
    # Every report, until none comes for a second (a deadlock) or both threads have finished.
    while sum(line.endswith("finished") for line in seen) < 2:
        try:
            seen.append(reports.get(timeout=1))
        except queue.Empty:
            break
    for t in threads:
        t.join()
    return sorted(seen), sorted(gave_up)


print("opposite orders: T-1 takes A then B, T-2 takes B then A")
seen, gave_up = run(one_order=False)
for line in seen:
    print(line)
if not any(line.endswith("finished") for line in seen):
    print("nothing happened for 1 s: deadlock")
for line in gave_up:
    print(line)

print("one order: T-1 and T-2 both take A then B")
seen, gave_up = run(one_order=True)
for line in seen + gave_up:
    print(line)
if gave_up:
    sys.exit(1)
print("no deadlock")
