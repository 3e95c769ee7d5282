"""The Python twin of process_pool.rs: Pool(3).map(f, items), the results in the items' order.

The pool pickles f and the items to send them to its workers, and the results back, even when
the workers are forked and have both in their copy of memory: a lambda, which pickle cannot find
by its name, is refused (the last line). The workers take the tasks from one queue as each gets
free, so how many of them computed a result (1 to 3) changes from run to run, where
process_pool.rs gives worker k the items k, k + 3, k + 6, ...
Run: python3 process-demo/examples/process_pool.py
"""
import multiprocessing
import os
import pickle
import sys

WORKERS = 3
TIMEOUT = 60  # seconds to wait for the results, far longer than they take


def f(x):
    return x * x


def f_and_pid(x):
    """f(x), and the pid of the process that computed it."""
    return f(x), os.getpid()


if __name__ == "__main__":
    # "fork", as process_pool.rs forks; from Python 3.14, Linux defaults to "forkserver".
    fork = multiprocessing.get_context("fork")
    items = list(range(1, 11))
    # Leaving the block calls terminate(), which stops the workers and joins them, on an
    # exception too.
    with fork.Pool(WORKERS) as pool:
        # pool.map(f, items) is map_async(f, items).get(), which waits with no timeout.
        pairs = pool.map_async(f_and_pid, items).get(TIMEOUT)
        try:
            pool.map_async(lambda x: x * x, items).get(TIMEOUT)
            the_lambda = "ran"
        except pickle.PicklingError as error:
            the_lambda = f"raised {type(error).__name__}"
    left = multiprocessing.active_children()
    if left:
        sys.exit(f"children left running: {left}")
    print(f"results: {[result for result, _ in pairs]}")
    workers = {pid for _, pid in pairs} - {os.getpid()}
    print(f"the results came from {len(workers)} of the pool's {WORKERS} processes, all reaped")
    print(f"map(lambda x: x * x, items) {the_lambda}: the pool pickles what it sends")
