"""The Python twin of child_status.rs: four children end four ways, and Process.exitcode says
how: 0, the status given to sys.exit, 1 for an exception, minus the signal for a kill.
Run: python3 process-demo/examples/child_status.py"""
import multiprocessing
import sys
import time


def returns():
    pass


def exits_with_3():
    sys.exit(3)


def raises():
    raise ValueError("B-2 got a bad input")


def sleeps():
    time.sleep(10)


if __name__ == "__main__":
    works = [returns, exits_with_3, raises, sleeps]
    processes = [multiprocessing.Process(target=w, name=f"B-{n}") for n, w in enumerate(works)]
    for p in processes:
        p.start()
    processes[3].kill()
    for p in processes:
        p.join()
        print(f"{p.name}: exitcode {p.exitcode}")
    sys.exit(1 if any(p.exitcode != 0 for p in processes) else 0)
