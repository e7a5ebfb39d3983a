"""Read a contentplan workbook with openpyxl and report what the Go test
checks, as JSON on stdout.

usage: xlsx_check.py WORKBOOK PLAN_SHEET

Dates and times are reported as ISO text, as the csv writes them, so that
the test can compare the Plan's rows with the csv's.
"""
import datetime
import json
import sys

import openpyxl


def text(v):
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0, 0):
            return v.strftime("%Y-%m-%d")
        return v.isoformat()
    if isinstance(v, datetime.time):
        return v.strftime("%H:%M")
    return str(v)


def main():
    path, plan_sheet = sys.argv[1], sys.argv[2]
    wb = openpyxl.load_workbook(path)
    ws = wb[plan_sheet]
    header = [c.value for c in ws[1]]
    rows, not_dates = [], []
    date_cols = [i for i, h in enumerate(header) if h in (sys.argv[3:] or [])]
    for r in ws.iter_rows(min_row=2):
        rows.append([text(c.value) for c in r])
        for i in date_cols:
            c = r[i]
            if c.value is not None and not c.is_date:
                not_dates.append(f"{c.coordinate} ({c.number_format})")
    formulas = []
    for s in wb.worksheets:
        for r in s.iter_rows():
            for c in r:
                if c.data_type == "f":
                    formulas.append(f"{s.title}!{c.coordinate}")
    # Every other sheet as text, formulas as written ("=COUNTIFS(...)"), so
    # that the test sees what openpyxl makes of the Strategy, Writers and
    # Budget sheets.
    others = {}
    for s in wb.worksheets:
        if s.title != plan_sheet:
            others[s.title] = [[text(c.value) for c in r] for r in s.iter_rows(max_row=60)]
    # A read-only reader trusts the sheet's dimension: it must see every row.
    ro = openpyxl.load_workbook(path, read_only=True)
    ro_rows = sum(1 for _ in ro[plan_sheet].iter_rows())
    json.dump({
        "sheets": wb.sheetnames,
        "title": wb.properties.title,
        "header": header,
        "rows": rows,
        "not_dates": not_dates,
        # openpyxl 3.0 maps names to ranges here, later versions to tables.
        "tables": {name: getattr(t, "ref", t) for name, t in ws.tables.items()},
        "validations": {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation},
        "formulas": formulas,
        "read_only_rows": ro_rows,
        "freeze": ws.freeze_panes,
        "others": others,
    }, sys.stdout, ensure_ascii=False)


main()
