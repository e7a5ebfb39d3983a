"""Change one cell of a workbook, as a writer would, and save it elsewhere.

usage: xlsx_edit.py IN OUT SHEET CELL VALUE
"""
import sys

import openpyxl

src, dst, sheet, cell, value = sys.argv[1:6]
wb = openpyxl.load_workbook(src)
wb[sheet][cell].value = value
wb.save(dst)
