"""N downloads from the api_server example, a thread each, with blocking sockets: the
counterpart of threads-demo's downloads (which also makes one download alone first, outside
its clock, and bounds each download as a whole where this bounds each wait on the socket).

    python3 scripts/python/downloads.py 127.0.0.1:PORT N
"""
import socket
import sys
import threading
import time

from http_check import SIZE, address, check, request
from summary import count_arg

failed = []


def download(host, port):
    try:
        # A timeout bounds each wait on the socket: connect, send, each recv.
        with socket.create_connection((host, port), timeout=10) as sock:
            sock.sendall(request(host, port))
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        check(b"".join(chunks))
    except (OSError, ValueError) as e:
        # list.append is atomic under the GIL: https://docs.python.org/3/faq/library.html
        # #what-kinds-of-global-value-mutation-are-thread-safe
        failed.append(e)

server = address(sys.argv[1]) if len(sys.argv) == 3 else None
if server is None:
    print(f"{sys.argv[0]}: expected the server's address on this machine and N: "
          "downloads.py 127.0.0.1:PORT N", file=sys.stderr)
    sys.exit(2)
n = count_arg(2, "N", 10_000)
start = time.perf_counter()
threads = [threading.Thread(target=download, args=server) for _ in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - start
done = n - len(failed)
print(f"downloaded {done} of {n} files, {done * SIZE} bytes, every length and checksum right")
print(f"wall: {wall:.2f} s")
if failed:
    print(f"{sys.argv[0]}: {len(failed)} downloads failed, the first with: {failed[0]!r}",
          file=sys.stderr)
    sys.exit(1)
