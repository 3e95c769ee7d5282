"""The Python twin of graceful_shutdown.rs: Ctrl-C (SIGINT) or SIGTERM, and a clean stop.

loop.add_signal_handler (Unix only) makes each signal a callback on the loop, in place of what it
does by default: asyncio.run's KeyboardInterrupt for SIGINT, the end of the process for SIGTERM.
At the first, no new job starts and the jobs in progress get 1 s (a second signal ends the wait at
once); those still running then are cancelled, and each runs its clean-up. Exit status: 0 when
every job was done, 130 (Ctrl-C) or 143 (SIGTERM) when every job in progress finished, 1 when one
was abandoned. A job starts every 0.3 s, five in all; each takes 0.5 s, but job 4 takes 2.5 s.
Run: python3 async-demo/examples/graceful_shutdown.py
"""
import asyncio
import signal
import sys

JOBS = 5
EVERY = 0.3
DEADLINE = 1


def duration(n):
    return 2.5 if n == 4 else 0.5


def say(line):
    # flush: each line goes out as it happens (Python would hold it in a buffer until exit when
    # stdout is a pipe), so that whoever reads it, a test waiting for "job 2 started" before it
    # sends Ctrl-C, sees it in time.
    print(line, flush=True)


async def job(n):
    try:
        await asyncio.sleep(duration(n))
    except asyncio.CancelledError:
        say(f"job {n} abandoned: its clean-up ran")
        raise
    say(f"job {n} finished")


async def main():
    loop = asyncio.get_running_loop()
    signals = asyncio.Queue()
    stops = [(signal.SIGINT, "Ctrl-C", 130), (signal.SIGTERM, "SIGTERM", 143)]
    for signum, name, status in stops:
        loop.add_signal_handler(signum, signals.put_nowait, (name, status))
    say("taking jobs; press Ctrl-C to stop early")

    jobs = set()
    stop = asyncio.ensure_future(signals.get())
    started, next_start = 0, loop.time()
    while started < JOBS or jobs:
        timeout = max(0, next_start - loop.time()) if started < JOBS else None
        done, _ = await asyncio.wait(
            jobs | {stop}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if stop in done:
            break
        for task in done:
            task.result()  # raises the job's exception, if it had one
        jobs -= done
        if started < JOBS and loop.time() >= next_start:
            started += 1
            say(f"job {started} started (takes {duration(started)} s)")
            jobs.add(asyncio.ensure_future(job(started)))
            next_start += EVERY
    if not stop.done():
        stop.cancel()
        say(f"all {JOBS} jobs done")
        return 0

    # No new job (the loop is left); the ones in progress get until the deadline.
    name, status = stop.result()
    in_progress = len(jobs)
    say(f"{name}: taking no new job; waiting up to {DEADLINE} s for {in_progress} in progress")
    again = asyncio.ensure_future(signals.get())
    deadline = loop.time() + DEADLINE
    while jobs and loop.time() < deadline:
        done, _ = await asyncio.wait(
            jobs | {again}, timeout=deadline - loop.time(), return_when=asyncio.FIRST_COMPLETED
        )
        if again in done:
            second = again.result()[0]
            say(f"{second}{' again' if second == name else ''}: stopping at once")
            break
        for task in done:
            task.result()
        jobs -= done
    again.cancel()
    # Cancel the jobs left, if any, and wait until each has ended, its clean-up run.
    for task in jobs:
        task.cancel()
    if jobs:
        await asyncio.wait(jobs)
    abandoned = sum(task.cancelled() for task in jobs)
    if abandoned == 0:
        say(f"stopped early: {in_progress} of {in_progress} jobs in progress finished")
        return status
    say(f"stopped early: {abandoned} of {in_progress} jobs abandoned")
    return 1


sys.exit(asyncio.run(main()))
