"""Benchmarks at province scale (`python -m bench NAME`); never imported by the product.

The data they measure come from the demo's generator, `tdkt.demo.generator`.
"""
