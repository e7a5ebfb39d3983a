"""Read sheets of workbooks as a program that does not recalculate reads
them, and print every non-empty cell as JSON on stdout, so that the Go test
can compare the figures with those the plan's csv gives.

usage: xlsx_figures.py openpyxl|pandas < REQUEST.json

REQUEST.json: {"WORKBOOK": ["SHEET", ...], ...}
output:       {"WORKBOOK": {"SHEET": {"A1": value, ...}, ...}, ...}

openpyxl opens the workbook with data_only=True, which reads each formula's
cached value (None when there is none); pandas reads it with read_excel,
header=None, which does the same through openpyxl in read-only mode. A
number stays a number, text stays text, a date becomes ISO text.
"""
import datetime
import json
import math
import sys

import openpyxl
from openpyxl.utils import get_column_letter


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if hasattr(v, "isoformat"):  # pandas' Timestamp
        return v.isoformat()
    if isinstance(v, bool):
        return str(v)
    if hasattr(v, "item"):  # numpy's numbers
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def by_openpyxl(path, sheets):
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for name in sheets:
        cells = {}
        for row in wb[name].iter_rows():
            for c in row:
                v = plain(c.value)
                if v is not None and v != "":
                    cells[c.coordinate] = v
        out[name] = cells
    return out


def by_pandas(path, sheets):
    import pandas

    frames = pandas.read_excel(path, sheet_name=sheets, header=None, engine="openpyxl")
    out = {}
    for name, df in frames.items():
        cells = {}
        for i in range(df.shape[0]):
            for j in range(df.shape[1]):
                v = plain(df.iat[i, j])
                if v is not None and v != "":
                    cells[get_column_letter(j + 1) + str(i + 1)] = v
        out[name] = cells
    return out


def main():
    mode = sys.argv[1]
    read = {"openpyxl": by_openpyxl, "pandas": by_pandas}[mode]
    request = json.load(sys.stdin)
    json.dump({path: read(path, sheets) for path, sheets in request.items()}, sys.stdout, ensure_ascii=False)


main()
