"""N calls to the api_server example with asyncio streams, at most LIMIT at once (1000 unless
given), all on one thread: the counterpart of async-demo's api_calls. LIMIT tasks each make calls
one after another until N are made, so memory grows with LIMIT, not with N, as in api_calls
(which spawns a task per call, at most LIMIT at once, and makes one call alone first, outside its
clock). Each call has DEADLINE_S seconds, connect to last byte (10 unless given), and keeps at
most the 16 KiB asked for and 4 KiB of head.

    python3 scripts/python/api_calls.py 127.0.0.1:PORT N [LIMIT [DEADLINE_S]]
"""
import asyncio
import sys
import time

from http_check import SIZE, address, check, request
from summary import count_arg

MAX_ANSWER = SIZE + 4096


async def call(host, port, deadline):
    async with asyncio.timeout(deadline):  # TimeoutError once it passes
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(request(host, port))
            response = b""  # to the end (the server closes), or one byte past the most
            while len(response) <= MAX_ANSWER and (
                    chunk := await reader.read(MAX_ANSWER + 1 - len(response))):
                response += chunk
        finally:
            writer.close()
    check(response)


async def main(host, port, n, limit, deadline):
    calls = iter(range(n))  # shared by the workers: each takes the next call
    failed, at_once, most = [], 0, 0

    async def worker():
        nonlocal at_once, most
        for _ in calls:
            at_once += 1
            most = max(most, at_once)
            try:
                await call(host, port, deadline)
            except (OSError, ValueError) as e:  # TimeoutError is an OSError
                failed.append(e)
            at_once -= 1

    start = time.perf_counter()
    async with asyncio.TaskGroup() as workers:
        for _ in range(min(limit, n)):
            workers.create_task(worker())
    wall = time.perf_counter() - start
    print(f"{n} calls: {n - len(failed)} answered in full, at most {most} at once")
    print(f"wall: {wall:.2f} s, {(n - len(failed)) / wall:.0f} calls per second")
    if failed:
        print(f"{sys.argv[0]}: {len(failed)} calls failed, the first with: {failed[0]!r}",
              file=sys.stderr)
        sys.exit(1)

server = address(sys.argv[1]) if 3 <= len(sys.argv) <= 5 else None
if server is None:
    print(f"{sys.argv[0]}: expected the server's address on this machine, N and maybe LIMIT and "
          "DEADLINE_S: api_calls.py 127.0.0.1:PORT N [LIMIT [DEADLINE_S]]", file=sys.stderr)
    sys.exit(2)
n = count_arg(2, "N", 1_000_000)
limit = count_arg(3, "LIMIT", 100_000) if len(sys.argv) >= 4 else 1000
deadline = count_arg(4, "DEADLINE_S", 3600) if len(sys.argv) == 5 else 10
asyncio.run(main(*server, n, limit, deadline))
