#!/usr/bin/python3
"""Print the rows of two secret_service_bench.py --json files as one markdown table, side by side."""

import argparse
import json


def load(path):
    with open(path, encoding="utf-8") as source:
        return json.load(source)


def format_value(row):
    if row is None or row["median"] is None:
        return ""
    value = row["median"]
    text = f"{value:,.0f}" if value >= 100 else f"{value:.1f}"
    if row.get("p99") is not None:
        p99 = row["p99"]
        text += f" / {p99:,.0f}" if p99 >= 100 else f" / {p99:.1f}"
    return text


def format_ratio(row):
    if row is None or row.get("ping_ratio") is None:
        return ""
    return f"{row['ping_ratio']:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("title", help="heading of the table")
    parser.add_argument("left", help="JSON file of the first provider")
    parser.add_argument("right", help="JSON file of the second provider")
    arguments = parser.parse_args()
    left = load(arguments.left)
    right = load(arguments.right)
    right_rows = {(row["measurement"], row["items"]): row for row in right["rows"]}
    keys = [(row["measurement"], row["items"]) for row in left["rows"]]
    keys += [key for key in right_rows if key not in keys]
    left_rows = {(row["measurement"], row["items"]): row for row in left["rows"]}

    print(f"\n### {arguments.title}\n")
    print(f"Left: {left['label']}. Right: {right['label']}. Latencies are median / p99. "
          "The ratio divides a median by the median of the bus daemon Peer.Ping calls interleaved with it.\n")
    print(f"| measurement | items | unit | {left['label']} | ratio | {right['label']} | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for key in keys:
        left_row = left_rows.get(key)
        right_row = right_rows.get(key)
        unit = (left_row or right_row)["unit"]
        print(f"| {key[0]} | {key[1]:,} | {unit} | {format_value(left_row)} | {format_ratio(left_row)} "
              f"| {format_value(right_row)} | {format_ratio(right_row)} |")


if __name__ == "__main__":
    main()
