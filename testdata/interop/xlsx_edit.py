"""Change cells of a workbook, as a writer or the manager would, and save it
elsewhere.

usage: xlsx_edit.py IN OUT SHEET CELL VALUE [CELL VALUE ...]
"""
import sys

import openpyxl

src, dst, sheet = sys.argv[1:4]
edits = sys.argv[4:]
if not edits or len(edits) % 2:
    sys.exit("usage: xlsx_edit.py IN OUT SHEET CELL VALUE [CELL VALUE ...]")
wb = openpyxl.load_workbook(src)
for cell, value in zip(edits[::2], edits[1::2]):
    wb[sheet][cell].value = value
wb.save(dst)
