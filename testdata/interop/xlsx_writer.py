"""Edit a contentplan workbook with openpyxl as a writer would, and save it
elsewhere: type into cells of posts found by their id, move a column, add a
column of one's own.

usage: xlsx_writer.py IN OUT EDITS.json

EDITS.json:
  {"sheet": "План",
   "cells": {"<post id>": {"<header>": "<value>", ...}, ...},
   "swap": ["<header>", "<header>"],          # two columns trade places
   "add": {"header": "<header>", "cells": {"<post id>": "<value>"}}}

Headers are the sheet's own (the Time column's may carry its zone). The
swap moves whole columns (header, cells, styles, widths) and renames the
table's columns to match, as Excel does when a column is dragged.
"""
import copy
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def main():
    src, dst, edits_path = sys.argv[1:4]
    with open(edits_path, encoding="utf-8") as f:
        edits = json.load(f)
    wb = openpyxl.load_workbook(src)
    ws = wb[edits["sheet"]]
    header = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(header) if h}
    id_col = col["ID"]
    row_of = {ws.cell(r, id_col).value: r for r in range(2, ws.max_row + 1)}

    for post, cells in edits.get("cells", {}).items():
        for h, v in cells.items():
            ws.cell(row_of[post], col[h]).value = v

    if "swap" in edits:
        a, b = (col[h] for h in edits["swap"])
        for r in range(1, ws.max_row + 1):
            ca, cb = ws.cell(r, a), ws.cell(r, b)
            ca.value, cb.value = cb.value, ca.value
            ca._style, cb._style = copy.copy(cb._style), copy.copy(ca._style)
        la, lb = get_column_letter(a), get_column_letter(b)
        wa, wb_ = ws.column_dimensions[la].width, ws.column_dimensions[lb].width
        ws.column_dimensions[la].width, ws.column_dimensions[lb].width = wb_, wa
        for table in ws.tables.values():
            for i, tc in enumerate(table.tableColumns):
                tc.name = ws.cell(1, i + 1).value

    if "add" in edits:
        c = ws.max_column + 1
        ws.cell(1, c).value = edits["add"]["header"]
        for post, v in edits["add"]["cells"].items():
            ws.cell(row_of[post], c).value = v

    wb.save(dst)


main()
