package io.edgeladder.controller.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table: columns padded to the widest cell, two spaces apart. Not thread-safe. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  Table row(Object... cells) {
    String[] r = new String[columns];
    for (int i = 0; i < columns; i++) {
      Object c = i < cells.length ? cells[i] : null;
      r[i] = c == null ? "-" : c.toString();
    }
    rows.add(r);
    return this;
  }

  void print(PrintWriter out) {
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < columns; i++) width[i] = Math.max(width[i], r[i].length());
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        sb.append(r[i]);
        if (i < columns - 1) sb.append(" ".repeat(width[i] - r[i].length() + 2));
      }
      out.println(sb.toString().stripTrailing());
    }
    out.flush();
  }

  @Override
  public String toString() {
    return rows.size() - 1 + " rows of " + Arrays.toString(rows.get(0));
  }
}
