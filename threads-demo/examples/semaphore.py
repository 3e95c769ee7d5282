"""The Python twin of semaphore.rs: threading.Semaphore(2) lets at most two of five threads in
at once. Run: python3 threads-demo/examples/semaphore.py"""
import threading
import time

semaphore = threading.Semaphore(2)
counts = threading.Lock()
inside = most = 0


def worker():
    global inside, most
    with semaphore:
        with counts:
            inside += 1
            most = max(most, inside)
        time.sleep(0.2)
        with counts:
            inside -= 1


start = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"5 threads, 2 permits: at most {most} at once, {time.perf_counter() - start:.2f} s "
      "(one after another: 1.00 s)")
