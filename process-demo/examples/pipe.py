"""The Python twin of pipe.rs: two forked children each count to ten million and send the count
back through a Pipe(duplex=False) of their own; the parent receives both and adds them up.

send() pickles an object and recv() unpickles it: the counts come back as int objects (the last
line says so), where pipe.rs's children write bytes that the parent reads to the end and parses.
Run: python3 process-demo/examples/pipe.py
"""
import multiprocessing
import sys

COUNT = 10_000_000
TIMEOUT = 60  # seconds to wait for a child, far longer than its count takes


def count_and_send(sender):
    count = 0
    for _ in range(COUNT):
        count += 1
    sender.send(count)


def receive(receiver):
    """What the child sent, or None if it ended or TIMEOUT passed before it sent anything."""
    try:
        return receiver.recv() if receiver.poll(TIMEOUT) else None
    except EOFError:  # the child ended without sending
        return None


def reap(child):
    """Joins child, killing it first if it has not ended within TIMEOUT."""
    child.join(TIMEOUT)
    if child.exitcode is None:
        child.kill()
        child.join()


if __name__ == "__main__":
    # "fork", as pipe.rs forks; from Python 3.14, Linux defaults to "forkserver".
    fork = multiprocessing.get_context("fork")
    children = []
    try:
        for name in ["B-0", "B-1"]:
            receiver, sender = fork.Pipe(duplex=False)
            child = fork.Process(target=count_and_send, args=(sender,), name=name)
            child.start()
            # Close the parent's copy of the sending end: once the child has ended, no process
            # holds one, and recv() raises EOFError instead of waiting for a count.
            sender.close()
            children.append((child, receiver))
        counts = [receive(receiver) for _, receiver in children]
    finally:
        for child, _ in children:
            reap(child)
    failed = False
    for (child, _), count in zip(children, counts):
        if child.exitcode == 0 and count is not None:
            print(f"{child.name} sent {count}")
        else:
            print(f"process {child.name} (pid {child.pid}) ended with exitcode {child.exitcode} "
                  f"and sent {count!r}", file=sys.stderr)
            failed = True
    if failed:
        sys.exit(1)
    print(f"sum: {sum(counts)}")
    kinds = " and ".join(sorted({type(count).__name__ for count in counts}))
    print(f"the counts came back as {kinds} objects: send() pickles, recv() unpickles")
