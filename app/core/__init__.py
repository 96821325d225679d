"""Pure-Python core of the workbench: segmentation, alignment, checks, diff, PO files.

Nothing under this package imports Flask (tests/core/test_purity.py enforces it).
"""
