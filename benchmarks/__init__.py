"""The performance benchmark: `python -m benchmarks` (or `make bench`). See docs/performance.md."""
