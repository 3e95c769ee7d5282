"""The Python twin of rlock.rs: threading.RLock lets the thread that holds it take it again, so
transfer can call deposit under the lock; a plain Lock would deadlock there.
Run: python3 threads-demo/examples/rlock.py"""
import threading

accounts = {"A": 100, "B": 0}
lock = threading.RLock()


def deposit(name, amount):
    with lock:
        accounts[name] += amount


def transfer(source, target, amount):
    with lock:
        deposit(source, -amount)  # takes the RLock a second time: fine
        deposit(target, amount)


with lock:
    again = lock.acquire(blocking=False)
    print(f"a second acquire on the same thread: {again}")
    lock.release()
deposit("A", 50)
transfer("A", "B", 30)
print(f"after deposit(A, 50) and transfer(A to B, 30): A {accounts['A']}, B {accounts['B']}")
