"""Summarises `jfr print --events jdk.ExecutionSample` output: samples per thread, then for the threads whose
name contains the given text, the hottest frames by self time and by inclusive time (percent of their samples)."""
import collections
import re
import sys

text = open(sys.argv[1]).read()
wanted = sys.argv[2] if len(sys.argv) > 2 else ""
threads, self_time, inclusive, count = collections.Counter(), collections.Counter(), collections.Counter(), 0
for sample in text.split("jdk.ExecutionSample")[1:]:
    m = re.search(r'sampledThread = "([^"]+)"', sample)
    thread = m.group(1) if m else "?"
    threads[re.sub(r"-\d+$", "-N", thread)] += 1
    if wanted not in thread:
        continue
    frames = [f.split("(")[0] for f in re.findall(r"^\s+([\w.$<>]+\([^)]*\))\s+line:", sample, re.M)]
    if not frames:
        continue
    count += 1
    self_time[frames[0]] += 1
    for frame in set(frames):
        inclusive[frame] += 1
print("samples per thread:", ", ".join(f"{t}: {c}" for t, c in threads.most_common(8)))
print(f"{count} samples of threads matching '{wanted}'")
print("self:")
for frame, c in self_time.most_common(10):
    print(f"  {100 * c / count:5.1f}% {frame}")
print("inclusive:")
for frame, c in inclusive.most_common(30):
    print(f"  {100 * c / count:5.1f}% {frame}")
