"""The Python twin of poisoned_lock.rs: a thread raises while it holds a lock.

`with lock:` releases the lock as the exception leaves the block; the next acquire succeeds and
sees the balances the failed transfer left. Run: python3 threads-demo/examples/poisoned_lock.py
"""
import threading

balances = [100, 0]
lock = threading.Lock()


def transfer():
    with lock:
        balances[0] -= 30
        fee = int("2.50")  # raises ValueError: not a whole number of cents
        balances[1] += 30 - fee


thread = threading.Thread(target=transfer, name="transfer")
thread.start()
thread.join()  # returns None: the traceback went to stderr
with lock:
    print(f"the lock is taken: the balances are {balances}, {sum(balances)} of 100")
