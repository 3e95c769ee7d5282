"""What the Python counterparts share: their argument check and the one summary line that the
Rust scale examples print too (`shared::scale_summary`), so that one parser reads both."""
import sys


def count_arg(position, what, maximum):
    """The whole number from 1 to `maximum` at sys.argv[position], or a one-line error, status 2."""
    value = sys.argv[position] if len(sys.argv) > position else ""
    # isascii too: "²".isdigit() is true, and int("²") an error.
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= maximum:
        print(f"{sys.argv[0]}: expected {what}, a whole number from 1 to {maximum}, not {value!r}",
              file=sys.stderr)
        sys.exit(2)
    return int(value)


def peak_rss_kib():
    """This process's peak resident memory so far, in KiB: VmHWM, as the Rust examples read it."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])


def scale_summary(model, n, wall, kib):
    """N units each waited 1 s at once; the rest of the wall time is the overhead."""
    overhead = wall - 1
    return (f"model={model} n={n} wall_s={wall:.3f} overhead_s={overhead:.3f} "
            f"overhead_us_per_unit={overhead * 1e6 / n:.1f} peak_rss_kib={kib} "
            f"rss_kib_per_unit={kib / n:.2f}")
