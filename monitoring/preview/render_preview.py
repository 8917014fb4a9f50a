#!/usr/bin/env python3
"""Renders monitoring/dashboard-preview.png: the dashboard's queries over real data, drawn without Grafana.

Reads grafana/threadleaks-dashboard.json, runs every panel's query against a Prometheus (range queries for
time series, the value at the end for stats, an instant query for the table), writes preview/data.js and has
headless Chromium screenshot preview/dashboard-preview.html. Not part of the build or CI.

    python3 monitoring/preview/render_preview.py --prometheus http://127.0.0.1:9090 \
        --start <unix seconds> --end <unix seconds> [--table-at <unix seconds>] [--application NAME]
"""
import argparse
import json
import pathlib
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
MONITORING = HERE.parent


def query(prometheus, path, **params):
    url = prometheus.rstrip("/") + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise SystemExit(f"Prometheus rejected {params}: {body}")
    return body["data"]["result"]


def substitute(expr, variables):
    return re.sub(r"\$\{?(\w+)\}?", lambda m: variables[m.group(1)], expr)


def legend(template, labels):
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), template) or json.dumps(labels)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prometheus", required=True)
    parser.add_argument("--start", type=int, required=True)
    parser.add_argument("--end", type=int, required=True)
    parser.add_argument("--table-at", type=int, help="when to take the suspects table (default: --end)")
    parser.add_argument("--application", default=".*")
    parser.add_argument("--step", type=int, default=2)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args()

    dashboard = json.loads((MONITORING / "grafana" / "threadleaks-dashboard.json").read_text())
    variables = {"application": args.application, "instance": ".*", "__rate_interval": f"{4 * args.step}s",
                 "__range": f"{args.end - args.start}s"}
    panels = []
    for panel in dashboard["panels"]:
        drawn = {key: panel.get(key) for key in ("type", "title", "gridPos", "fieldConfig", "transformations")}
        drawn["series"] = []
        for target in panel.get("targets", []):  # a row has none
            expr = substitute(target["expr"], variables)
            if panel["type"] == "table":
                at = args.table_at or args.end
                rows = query(args.prometheus, "/api/v1/query", query=expr, time=at)
                drawn["series"].append({"refId": target["refId"], "rows": rows})
                continue
            result = query(args.prometheus, "/api/v1/query_range", query=expr, start=args.start, end=args.end,
                           step=args.step)
            for series in result:
                drawn["series"].append({"legend": legend(target.get("legendFormat", ""), series["metric"]),
                                        "points": [[float(t), float(v)] for t, v in series["values"]]})
        panels.append(drawn)
    data = {"title": dashboard["title"], "start": args.start, "end": args.end, "panels": panels,
            "variables": {"application": args.application, "instance": "All"}}
    (HERE / "data.js").write_text("const PREVIEW = " + json.dumps(data) + ";\n")

    if not args.chromium:
        raise SystemExit("No chromium on PATH: install it (apt-get install chromium) or pass --chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([args.chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", f"--user-data-dir={profile}", "--hide-scrollbars",
                        f"--screenshot={MONITORING / 'dashboard-preview.png'}", "--window-size=1400,930",
                        (HERE / "dashboard-preview.html").as_uri()], check=True)
    print(f"wrote {MONITORING / 'dashboard-preview.png'}")


if __name__ == "__main__":
    main()
