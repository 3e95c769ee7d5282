"""The Python twin of async_subprocess.rs: asyncio.create_subprocess_exec, communicate() under
gather, wait_for over wait(), and a Process dropped.

wait_for cancels the wait, not the child: kill() it, then wait() for its return code. asyncio has
no kill_on_drop: a child whose Process is dropped runs on, here until the program kills it by pid.
Run: python3 async-demo/examples/async_subprocess.py
"""
import asyncio
import contextlib
import os
import signal
import threading
import time

PIPE = asyncio.subprocess.PIPE


async def child(i):
    """Runs sh -c "sleep 0.5; echo C-i" and returns what it printed; raises, naming C-i, if it
    could not be started or watched, failed, or still ran after 5 s. A shell killed here (timed
    out, or cancelled) leaves its sleep to run out. (3.11's child watcher starts a thread per
    child, after the child: where it cannot, the child runs on unwatched.)"""
    start = asyncio.create_subprocess_exec(
        "sh", "-c", f"sleep 0.5; echo C-{i}", stdout=PIPE, stderr=PIPE)
    try:
        proc = await asyncio.wait_for(start, 5)
    except (OSError, RuntimeError, asyncio.TimeoutError) as e:
        raise RuntimeError(f"cannot start or watch C-{i}: {e!r}") from None
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 5)
    except asyncio.TimeoutError:
        raise RuntimeError(f"C-{i} still ran after 5 s: killed") from None
    finally:
        if proc.returncode is None:  # timed out, or cancelled
            proc.kill()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(proc.wait(), 5)
    if proc.returncode != 0:
        raise RuntimeError(f"C-{i} ended with returncode {proc.returncode}: {err.decode().strip()}")
    return out.decode().strip()


async def main():
    start = time.perf_counter()
    names = await asyncio.gather(*(child(i) for i in range(3)))
    secs = time.perf_counter() - start
    print(f"3 children of 0.5 s, awaited together: {' '.join(names)} in {secs:.2f} s")

    sleeper = await asyncio.create_subprocess_exec("sleep", "10")
    try:
        await asyncio.wait_for(sleeper.wait(), 0.2)
        print(f"timeout: the child ended within 0.20 s (returncode {sleeper.returncode})")
    except asyncio.TimeoutError:
        running = "still running" if sleeper.returncode is None else "ended"
        sleeper.kill()
        await sleeper.wait()
        print(f"timeout: wait_for gave up after 0.20 s, the child {running}; "
              f"kill() and wait(): returncode {sleeper.returncode}")

    dropped = await asyncio.create_subprocess_exec("sleep", "10", stdout=PIPE)
    stdout, pid = dropped.stdout, dropped.pid
    del dropped
    try:
        await asyncio.wait_for(stdout.read(), 0.5)
        print("dropped: the child's stdout ended")
    except asyncio.TimeoutError:
        print("dropped: 0.50 s later the child's stdout is still open: the child runs on")
    finally:
        os.kill(pid, signal.SIGKILL)
        await seen_to_end(stdout)


async def seen_to_end(stdout):
    """Waits until asyncio has read the killed child's pipe to its end (up to 5 s), and until its
    child watcher's thread has ended (up to 5 s more), so that neither finishes after the loop
    has closed: the pipe's transport would then print "Event loop is closed", and the thread
    "Loop ... that handles pid ... is closed". Python 3.8 to 3.11 watch each child on a thread
    named waitpid-N (asyncio-waitpid-N in later 3.11 releases, and in later Pythons without
    pidfds); 3.12 and later, where the OS offers pidfds, on the loop itself, with no thread."""
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(stdout.read(), 5)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(
            t.name.startswith(("waitpid-", "asyncio-waitpid-")) for t in threading.enumerate()):
        await asyncio.sleep(0.01)


# As in the Rust twin: with SIGCHLD ignored (inherited through exec), the kernel reaps each child
# itself, and asyncio, finding none to wait for, reports a returncode of 255 for it.
signal.signal(signal.SIGCHLD, signal.SIG_DFL)
asyncio.run(main())
