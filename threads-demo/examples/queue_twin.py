"""The Python twin of queue.rs: queue.Queue(maxsize=4), three producers and one slow consumer.

A producer that finds the queue full waits in put(), as in Rust. The consumer calls task_done()
for each item it takes, and q.join() returns once every item put has had its task_done(); where
Rust's loop ends once the last sender is gone, a None that main puts last ends the consumer
(Python 3.13 adds q.shutdown()). Not named queue.py: the script's directory comes first on
sys.path, so a queue.py here would be imported in place of the standard library's queue, by this
file and by concurrent.futures in the twins beside it.
Run: python3 threads-demo/examples/queue_twin.py
"""
import queue
import sys
import threading
import time

PRODUCERS = 3
ITEMS = 100

q = queue.Queue(maxsize=4)
waited = [0] * PRODUCERS  # each producer counts in a slot of its own
seen = set()
received = 0


def produce(producer):
    for item in range(ITEMS):
        # put() alone would do (it blocks while the queue is full); put_nowait() first only
        # counts how often that happens.
        try:
            q.put_nowait((producer, item))
        except queue.Full:
            waited[producer] += 1
            q.put((producer, item), timeout=5)


def consume():
    global received
    while (item := q.get(timeout=5)) is not None:
        time.sleep(0.0002)  # a slow consumer
        seen.add(item)
        received += 1
        q.task_done()


consumer = threading.Thread(target=consume)
consumer.start()
producers = [threading.Thread(target=produce, args=(p,)) for p in range(PRODUCERS)]
for p in producers:
    p.start()
for p in producers:
    p.join()
# q.join() returns once every item is done; it takes no timeout, so it waits in a thread of its
# own, and main gives up on it after 5 s (a consumer that died would leave items undone).
joined = threading.Thread(target=q.join, daemon=True)
joined.start()
joined.join(timeout=5)
if joined.is_alive():
    sys.exit("queue_twin.py: items were still undone after 5 s")
q.put(None)  # the consumer thread is still alive: this ends its loop
consumer.join(timeout=5)

missing = PRODUCERS * ITEMS - len(seen)
print(f"received {received} items: {len(seen)} different, {missing} missing")
print(f"the producers found the queue full {sum(waited)} times, and waited")
