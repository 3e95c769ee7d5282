#!/bin/sh
# Writes an SVG plot of the scale table: overhead per unit and memory per unit against N, both on
# log scales, one line per series. scripts/compare.sh calls it; it can also be run on its own:
#
#   sh scripts/plot.sh < rows.tsv > scale.svg
#
# Each input line is `SERIES N OVERHEAD_US_PER_UNIT KIB_PER_UNIT`, separated by spaces or tabs.
# SERIES is a model (threads, processes, tasks, futures), or LANGUAGE-MODEL (rust-threads,
# python-threads): each model has its colour, and Python's lines are dashed beside Rust's solid
# ones. Needs a POSIX shell and awk.
set -eu

awk '
  NF == 4 && $2 ~ /^[0-9]+$/ && $2 > 0 && $3 ~ /^-?[0-9.]+$/ && $4 ~ /^[0-9.]+$/ {
    rows++
    model[rows] = $1; n[rows] = $2; value[1, rows] = $3; value[2, rows] = $4
    if (!($1 in seen)) { seen[$1] = 1; models[++count] = $1 }
  }
  function log10(x) { return log(x) / log(10) }
  # Values of 0 (an overhead too small to measure) sit at the bottom of the scale.
  function y_of(v) { return log10(v < floor_value ? floor_value : v) }
  function fmt(x) { return sprintf("%.1f", x) }
  function tick_label(e) { return e >= 0 ? sprintf("%d", 10 ^ e) : sprintf("%g", 10 ^ e) }
  END {
    if (rows == 0) { print "plot: no rows of MODEL N OVERHEAD KIB to plot" > "/dev/stderr"; exit 1 }
    color["threads"] = "#1f77b4"; color["processes"] = "#d62728"; color["tasks"] = "#2ca02c"
    color["futures"] = "#9467bd"
    for (m = 1; m <= count; m++) {
      name = models[m]; kind[name] = name; language[name] = "rust"
      if (split(name, parts, "-") == 2) { language[name] = parts[1]; kind[name] = parts[2] }
      hue[name] = (kind[name] in color) ? color[kind[name]] : "#7f7f7f"
      dash[name] = language[name] == "python" ? " stroke-dasharray=\"6 4\"" : ""
      if (language[name] == "python") has_python = 1
    }
    floor_value = 0.01
    x_lo = 99; x_hi = -99
    for (r = 1; r <= rows; r++) {
      x = log10(n[r]); if (x < x_lo) x_lo = x; if (x > x_hi) x_hi = x
    }
    x_lo = int(x_lo); x_hi = int(x_hi + 0.999); if (x_hi == x_lo) x_hi++
    title[1] = "overhead per unit (µs)"; title[2] = "memory per unit (KiB)"
    width = 900; height = 360; panel_w = 360; panel_h = 250; top = 40
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height
    printf "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, height
    for (p = 1; p <= 2; p++) {
      left = 70 + (p - 1) * 430
      y_lo = 99; y_hi = -99
      for (r = 1; r <= rows; r++) {
        y = y_of(value[p, r]); if (y < y_lo) y_lo = y; if (y > y_hi) y_hi = y
      }
      y_lo = (y_lo < 0 && y_lo != int(y_lo)) ? int(y_lo) - 1 : int(y_lo)
      y_hi = (y_hi > int(y_hi)) ? int(y_hi) + 1 : int(y_hi); if (y_hi == y_lo) y_hi++
      printf "<g id=\"panel-%d\">\n", p
      printf "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\">%s against N</text>\n", fmt(left + panel_w / 2), top - 15, title[p]
      printf "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n", left, top, panel_w, panel_h
      for (e = x_lo; e <= x_hi; e++) {
        x = left + (e - x_lo) / (x_hi - x_lo) * panel_w
        printf "<line x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\" stroke=\"#eee\"/>\n", fmt(x), top, fmt(x), top + panel_h
        printf "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", fmt(x), top + panel_h + 16, tick_label(e)
      }
      for (e = y_lo; e <= y_hi; e++) {
        y = top + panel_h - (e - y_lo) / (y_hi - y_lo) * panel_h
        printf "<line x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\" stroke=\"#eee\"/>\n", left, fmt(y), left + panel_w, fmt(y)
        printf "<text x=\"%d\" y=\"%s\" text-anchor=\"end\">%s</text>\n", left - 6, fmt(y + 4), tick_label(e)
      }
      printf "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\">N (units at once, log scale)</text>\n", fmt(left + panel_w / 2), top + panel_h + 36
      printf "<text transform=\"translate(%d %s) rotate(-90)\" text-anchor=\"middle\">%s, log scale</text>\n", left - 48, fmt(top + panel_h / 2), title[p]
      for (m = 1; m <= count; m++) {
        name = models[m]; points = ""
        for (r = 1; r <= rows; r++) {
          if (model[r] != name) continue
          x = left + (log10(n[r]) - x_lo) / (x_hi - x_lo) * panel_w
          y = top + panel_h - (y_of(value[p, r]) - y_lo) / (y_hi - y_lo) * panel_h
          points = points fmt(x) "," fmt(y) " "
          dots = dots sprintf("<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>\n", fmt(x), fmt(y), hue[name])
        }
        printf "<polyline class=\"series\" data-model=\"%s\" data-language=\"%s\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", name, language[name], points, hue[name], dash[name]
        printf "%s", dots; dots = ""
      }
      printf "</g>\n"
    }
    # The legend: a swatch per model, then (where Python is plotted) a line style per language.
    x = 70
    for (m = 1; m <= count; m++) {
      k = kind[models[m]]
      if (k in legend) continue
      legend[k] = 1
      printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n", x, height - 18, x + 24, height - 18, hue[models[m]]
      printf "<text x=\"%d\" y=\"%d\">%s</text>\n", x + 30, height - 14, k
      x += 110
    }
    if (has_python) {
      printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\" stroke-width=\"2\"/>\n", x, height - 18, x + 24, height - 18
      printf "<text x=\"%d\" y=\"%d\">Rust</text>\n", x + 30, height - 14
      x += 80
      printf "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n", x, height - 18, x + 24, height - 18
      printf "<text x=\"%d\" y=\"%d\">Python</text>\n", x + 30, height - 14
    }
    printf "</svg>\n"
  }
'
