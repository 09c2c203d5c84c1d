"""Benchmarks and the deterministic data generator they share with `tdkt demo`."""
