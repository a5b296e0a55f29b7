"""redress.dask on a LocalCluster of 1 and then 2 worker processes (one thread each): decisions
per second for the same JSON lines, read by the workers, and the scaling between the two.

    PYTHONPATH=<build>/python python3 bench/python/dask_scaling.py POLICY INCIDENTS.jsonl \
        [--partitions 16] [--runs 3] [--malloc-trim-threshold BYTES]

Dask starts its worker processes with MALLOC_TRIM_THRESHOLD_=65536 (its config
distributed.nanny.pre-spawn-environ), so that glibc gives freed memory back to the system at
once; a worker deciding partition after partition then faults the same pages in again and again.
--malloc-trim-threshold sets another value for the workers this script starts.
"""
import argparse
import statistics
import sys
import time

import dask
import dask.bag as db
import distributed

import redress
import redress.dask


def _same(lines, run):
    return lines


def rate(workers, policy, incidents, blocksize, runs):
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        client.wait_for_workers(workers)
        times, count = [], 0
        for run in range(runs + 1):  # the first run warms the workers up (imports, compiling)
            # The run number in the graph gives each run keys of its own: otherwise a run may
            # reuse the results of the one before, not yet released.
            lines = db.read_text(incidents, blocksize=blocksize).map_partitions(_same, run)
            decided = redress.dask.decide_bag(lines, policy)
            start = time.perf_counter()
            count = decided.count().compute()
            times.append(time.perf_counter() - start)
        stats = client.run(redress.dask.worker_stats)
    return count / statistics.median(times[1:]), count, stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("policy")
    parser.add_argument("incidents")
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--malloc-trim-threshold", type=int, default=None)
    args = parser.parse_args()
    if args.malloc_trim_threshold is not None:
        dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_":
                         args.malloc_trim_threshold})
    policy = redress.Policy.load(args.policy)
    import os

    blocksize = max(1, os.path.getsize(args.incidents) // args.partitions + 1)
    one, count, _ = rate(1, policy, args.incidents, blocksize, args.runs)
    print(f"1 worker:  {one:,.0f}/s ({count:,} incidents, {args.partitions} partitions)",
          flush=True)
    two, _, stats = rate(2, policy, args.incidents, blocksize, args.runs)
    print(f"2 workers: {two:,.0f}/s; scaling {two / one:.2f}x")
    for worker, s in sorted(stats.items()):
        print(f"  {worker}: compiled {s['compilations']}, {s['partitions']} partitions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
