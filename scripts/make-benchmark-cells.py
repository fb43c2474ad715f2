#!/usr/bin/env python3
"""Writes scenarios/benchmark-cells.csv, the explicit cells of scenarios/benchmark-cells.toml.

A benchmark population, not a calibration: the 47 units of edition 2020 x its 5 categories x
the benchmark's 12 age bands (2,820 cells), every cell holding at least one insured person, about 1.1 million insured.

Method (deterministic: same output on every run, no randomness):
  1. unit weights, category shares and age shares from scenarios/chongqing-2020.toml
     (its per-unit category overrides are left out, so that every unit holds every category);
  2. its 10 age bands split into the benchmark's 12 in proportion to full years of age
     (0-2 + 3/12 of 3-14 -> 0-5, 9/12 of 3-14 -> 6-14, 23-44 -> 23-34 and 35-44 by 12:10),
     80+ split 0.8 / 0.2 into 80-89 and 90+;
  3. every age share raised to at least FLOOR and the row renormalised, so no cell is empty;
  4. insured at each period's start: one person in every cell, the rest spread over cells by
     unit weight x category share x age share, by largest remainder (ties to the earlier
     cell), so the totals are exact;
  5. fixed entrants in each month after the first: ENTRANTS a month, varied by -300, 0, +300
     in turn over the months, spread over cells the same way.

Usage: python3 scripts/make-benchmark-cells.py   (from the repository root; needs Python 3.11+)
"""
import csv
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scenarios" / "chongqing-2020.toml"
OUTPUT = ROOT / "scenarios" / "benchmark-cells.csv"

INSURED = {"P1": 1_100_000, "P2": 1_090_000}
MONTHS = {"P1": 12, "P2": 2}
ENTRANTS = 6_600
FLOOR = 0.001
BANDS = ["0-5", "6-14", "15-17", "18", "19-22", "23-34", "35-44", "45-59", "60-69", "70-79", "80-89", "90+"]


def twelve_bands(s):
    """The 10 shares of chongqing-2020 (0-2, 3-14, 15-17, 18, 19-22, 23-44, 45-59, 60-69, 70-79, 80+) as 12."""
    return [s[0] + s[1] * 3 / 12, s[1] * 9 / 12, s[2], s[3], s[4], s[5] * 12 / 22, s[5] * 10 / 22,
            s[6], s[7], s[8], s[9] * 0.8, s[9] * 0.2]


def largest_remainder(total, weights):
    whole = sum(weights)
    exact = [w / whole * total for w in weights]
    counts = [int(x) for x in exact]
    left = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[:left]:
        counts[i] += 1
    return counts


def main():
    with open(SOURCE, "rb") as f:
        base = tomllib.load(f)
    population = base["population"]
    units = [(key, weight) for key, weight in population["unit_weights"].items() if key != "source"]
    categories = [(key, table) for key, table in population["categories"].items() if key != "source"]
    cells, weights = [], []
    unit_total = sum(w for _, w in units)
    for unit, unit_weight in units:
        for category, table in categories:
            ages = [max(FLOOR, a) for a in twelve_bands(table["age_shares"])]
            ages = [a / sum(ages) for a in ages]
            for band, age_share in zip(BANDS, ages):
                cells.append((unit, category, band))
                weights.append(unit_weight / unit_total * table["share"] * age_share)
    rows = []
    for period, insured in INSURED.items():
        counts = [1 + n for n in largest_remainder(insured - len(cells), weights)]
        monthly = [largest_remainder(ENTRANTS + 300 * ((m % 3) - 1), weights) for m in range(MONTHS[period] - 1)]
        for i, (unit, category, band) in enumerate(cells):
            entrants = ";".join(str(month[i]) for month in monthly)
            rows.append([unit, category, band, period, counts[i], entrants])
    with open(OUTPUT, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["unit", "category", "band", "period", "insured", "entrants"])
        writer.writerows(rows)
    print(f"Wrote {OUTPUT.relative_to(ROOT)}: {len(cells)} cells x {len(INSURED)} periods")


if __name__ == "__main__":
    main()
