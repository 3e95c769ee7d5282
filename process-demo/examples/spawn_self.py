"""The Python twin of spawn_self.rs: the article's two processes, started with the "spawn" method,
the default on Windows and macOS. Each child is a new interpreter that runs this file again, as
the module __mp_main__: its top level runs in each child (the lines "this file's top level ran
as ..." show it), and the `if __name__ == "__main__":` guard keeps the parent's part out of them.
Run: python3 process-demo/examples/spawn_self.py
"""
import multiprocessing
import sys

TIMEOUT = 60  # seconds to wait for a child, far longer than its count takes

print(f"this file's top level ran as {__name__}")


def cpu_intensive_task(name):
    print(f"Process {name}: Starting...")
    count = 0
    for _ in range(10**7):
        count += 1
    print(f"Process {name}: Finished. Count: {count}")


def reap(child):
    """Joins child, killing it first if it has not ended within TIMEOUT."""
    child.join(TIMEOUT)
    if child.exitcode is None:
        child.kill()
        child.join()


if __name__ == "__main__":
    # "spawn", as spawn_self.rs runs its own program again; on Linux the default is "fork", and
    # from Python 3.14 "forkserver".
    spawn = multiprocessing.get_context("spawn")
    children = []
    try:
        for name in ["B-0", "B-1"]:
            child = spawn.Process(target=cpu_intensive_task, args=(name,), name=name)
            child.start()
            children.append(child)
    finally:
        for child in children:
            reap(child)
    failed = [child for child in children if child.exitcode != 0]
    for child in failed:
        print(f"process {child.name} (pid {child.pid}) ended with exitcode {child.exitcode}",
              file=sys.stderr)
    if failed:
        sys.exit(1)
    print("All processes finished.")
