"""The Python twin of run_child.rs: subprocess.run with capture_output and timeout, and
communicate() reading a child that writes more than a pipe holds.
Run: python3 process-demo/examples/run_child.py"""
import subprocess

done = subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True)
print(f"run(capture_output=True): returncode {done.returncode}, "
      f"stdout {done.stdout!r}, stderr {done.stderr!r}")

try:
    subprocess.run(["sleep", "10"], timeout=0.2)
except subprocess.TimeoutExpired:
    print("timeout: TimeoutExpired after 0.20 s: run() killed the child and waited for it")

writer = subprocess.Popen(["head", "-c", "4194304", "/dev/zero"], stdout=subprocess.PIPE)
try:
    writer.wait(timeout=0.3)
except subprocess.TimeoutExpired:
    out, _ = writer.communicate()
    print(f"full pipe: not done after 0.30 s, blocked on the pipe; "
          f"communicate() read {len(out)} bytes (returncode {writer.returncode})")
