"""Fill a contentplan workbook in with openpyxl as a manager would at the end
of a month: the KPI sheet's actuals and decisions, and posts' statuses on
the Plan sheet, then save it elsewhere.

usage: kpi_fill.py IN OUT FILL.json

FILL.json:
  {"kpi": {"<objective key> <YYYY-MM>": {"actual": <number or text>,
                                          "decision": "<text>"}, ...},
   "plan": "<the Plan sheet's name>",
   "status header": "<the Plan's Status header>",
   "status": {"<post id>": "<status as the dropdown says it>", ...}}

A KPI row is found by its hidden record (the column headed like the Plan's
last one), whose first two items are the objective's key and the month, as
a person would find it by its Objective and Month. An actual or decision
left out of a row stays as it is.
"""
import json
import sys

import openpyxl


def main():
    src, dst, fill_path = sys.argv[1:4]
    with open(fill_path, encoding="utf-8") as f:
        fill = json.load(f)
    wb = openpyxl.load_workbook(src)

    kpi = wb["KPI"]
    header = [c.value for c in kpi[1]]
    record = header.index(plan_last_header(wb, fill["plan"])) + 1
    actual, decision = 5, 7  # E and G: the yellow cells, right of Target
    done = set()
    for r in range(2, kpi.max_row + 1):
        rec = kpi.cell(r, record).value
        if not rec:
            continue
        key, month = json.loads(rec)[:2]
        cells = fill.get("kpi", {}).get(key + " " + month)
        if cells is None:
            continue
        if "actual" in cells:
            kpi.cell(r, actual).value = cells["actual"]
        if "decision" in cells:
            kpi.cell(r, decision).value = cells["decision"]
        done.add(key + " " + month)
    missing = set(fill.get("kpi", {})) - done
    if missing:
        sys.exit("no KPI row of " + ", ".join(sorted(missing)))

    plan = wb[fill["plan"]]
    head = [c.value for c in plan[1]]
    status_col = head.index(fill["status header"]) + 1
    rows = {plan.cell(r, 1).value: r for r in range(2, plan.max_row + 1)}
    for post, status in fill.get("status", {}).items():
        plan.cell(rows[post], status_col).value = status

    wb.save(dst)


def plan_last_header(wb, plan):
    """The header of the Plan's hidden record column, which the KPI sheet's
    record column shares."""
    ws = wb[plan]
    return ws.cell(1, ws.max_column).value


if __name__ == "__main__":
    main()
