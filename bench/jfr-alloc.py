"""Summarises `jfr print --events jdk.ObjectAllocationSample,jdk.GarbageCollection` output: the share of the sampled
allocation (by weight) per thread, with its top classes and allocation sites, then the garbage collections and the
sum of their pauses (the time every Java thread, the caller's included, stood still)."""
import collections
import re
import sys

text = open(sys.argv[1]).read()
units = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}
by_thread = collections.Counter()
by_class = collections.defaultdict(collections.Counter)
by_site = collections.defaultdict(collections.Counter)
for event in text.split("jdk.ObjectAllocationSample")[1:]:
    weight = re.search(r"weight = ([\d.]+) (\w+)", event)
    if not weight:
        continue
    thread = re.search(r'eventThread = "([^"]+)"', event)
    thread = re.sub(r"-\d+$", "-N", thread.group(1)) if thread else "?"
    value = float(weight.group(1)) * units.get(weight.group(2), 1)
    kind = re.search(r"objectClass = ([\w.$\[\]]+)", event)
    frames = [f.split("(")[0] for f in re.findall(r"^\s+([\w.$<>]+\([^)]*\))\s+line:", event, re.M)]
    by_thread[thread] += value
    by_class[thread][kind.group(1) if kind else "?"] += value
    by_site[thread][" < ".join(frames[:3])] += value
total = sum(by_thread.values()) or 1
print("sampled allocation per thread:")
for thread, value in by_thread.most_common(5):
    print(f"  {100 * value / total:5.1f}% {thread}")
    for kind, v in by_class[thread].most_common(4):
        print(f"        {100 * v / value:5.1f}% {kind}")
    for site, v in by_site[thread].most_common(5):
        print(f"        {100 * v / value:5.1f}% at {site}")
pauses = []
for event in text.split("jdk.GarbageCollection {")[1:]:
    m = re.search(r"sumOfPauses = ([\d.]+) (ms|s|us)", event)
    if m:
        pauses.append(float(m.group(1)) * {"ms": 1, "s": 1000, "us": 0.001}[m.group(2)])
if pauses:
    print(f"garbage collections: {len(pauses)}, pauses {sum(pauses):.0f} ms in all, longest {max(pauses):.0f} ms")
