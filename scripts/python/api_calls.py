"""N calls to the api_server example with asyncio streams, at most LIMIT at once (a Semaphore,
1000 unless given), all on one thread: the counterpart of async-demo's api_calls (which also
makes one call alone first, outside its clock, and gives each call a deadline of 10 s: here a
call waits for api_server, which sends or drops each answer within its delay and 5 s).

    python3 scripts/python/api_calls.py 127.0.0.1:PORT N [LIMIT]
"""
import asyncio
import sys
import time

from http_check import address, check, request
from summary import count_arg


async def call(host, port):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(request(host, port))
    response = await reader.read()  # to the end: the server closes the connection
    writer.close()
    await writer.wait_closed()
    check(response)


async def main(host, port, n, limit):
    semaphore = asyncio.Semaphore(limit)

    async def limited_call():
        async with semaphore:
            await call(host, port)

    start = time.perf_counter()
    results = await asyncio.gather(*(limited_call() for _ in range(n)), return_exceptions=True)
    wall = time.perf_counter() - start
    failed = [r for r in results if isinstance(r, Exception)]
    print(f"{n} calls: {n - len(failed)} answered in full, at most {limit} at once")
    print(f"wall: {wall:.2f} s, {(n - len(failed)) / wall:.0f} calls per second")
    if failed:
        print(f"{sys.argv[0]}: {len(failed)} calls failed, the first with: {failed[0]!r}",
              file=sys.stderr)
        sys.exit(1)

server = address(sys.argv[1]) if len(sys.argv) in (3, 4) else None
if server is None:
    print(f"{sys.argv[0]}: expected the server's address on this machine, N and maybe LIMIT: "
          "api_calls.py 127.0.0.1:PORT N [LIMIT]", file=sys.stderr)
    sys.exit(2)
n = count_arg(2, "N", 1_000_000)
limit = count_arg(3, "LIMIT", 100_000) if len(sys.argv) == 4 else 1000
asyncio.run(main(*server, n, limit))
