"""Shared parts of the benchmarks: synthetic department workbooks, measuring commands, RESULTS.md sections."""
