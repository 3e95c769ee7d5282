"""What api_calls.py and downloads.py share: the request they send to api_server and the check
of its answer. It checks what the Rust clients check (status 200, the length, the checksum), and
compares the body with the bytes expected, as Rust's api_calls does, rather than recompute its
FNV-1a checksum as Rust's downloads does, which pure Python takes about 2.7 ms to do per 16 KiB answer (Python 3.11, on the 2-core machine of
scripts/README.md): about 27 s of one core for 10,000 answers."""

SIZE = 16 * 1024
# The body api_server sends for SIZE bytes, and its FNV-1a checksum, computed once.
BODY = bytes(i % 251 for i in range(SIZE))
CHECKSUM = 0xcbf29ce484222325
for byte in BODY:
    CHECKSUM = ((CHECKSUM ^ byte) * 0x100000001b3) % 2**64


def request(host, port):
    return f"GET /{SIZE} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode()


def check(response):
    """Raises ValueError unless `response` is the whole answer for SIZE bytes."""
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    if not lines[0].startswith("HTTP/1.1 200 "):
        raise ValueError(f"the server answered {lines[0]!r}")
    announced = (headers.get("Content-Length"), headers.get("X-Checksum"))
    if body != BODY or announced != (str(SIZE), f"{CHECKSUM:016x}"):
        raise ValueError(f"{len(body)} bytes, announced {announced}")


def address(text):
    """127.0.0.1:PORT as (host, port), or None for anything else."""
    host, _, port = text.rpartition(":")
    if host == "127.0.0.1" and port.isascii() and port.isdigit() and 0 < int(port) < 65536:
        return host, int(port)
    return None
