"""Print a sheet of a workbook as openpyxl reads its stored values (what a
reader that does not recalculate sees), as JSON on stdout: a list of rows,
each a list of cells; dates as YYYY-MM-DD, empty cells as "".

usage: kpi_values.py WORKBOOK SHEET
"""
import datetime
import json
import sys

import openpyxl


def text(v):
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d")
    return str(v)


def main():
    path, sheet = sys.argv[1], sys.argv[2]
    wb = openpyxl.load_workbook(path, data_only=True)
    rows = [[text(c) for c in row] for row in wb[sheet].iter_rows(values_only=True)]
    json.dump(rows, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
