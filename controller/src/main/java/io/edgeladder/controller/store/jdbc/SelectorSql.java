package io.edgeladder.controller.store.jdbc;

import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.fleet.LabelSelector.Op;
import io.edgeladder.controller.store.fleet.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A condition on {@code agent a}: SQL text with {@code ?} placeholders and their values. Label
 * requirements become {@code [NOT] EXISTS} subqueries on {@code agent_label}, served by its
 * primary key.
 */
record SelectorSql(String where, List<Object> params) {
  SelectorSql {
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  static SelectorSql agent(String agentId) {
    return new SelectorSql("a.agent_id = ?", List.of(agentId));
  }

  static SelectorSql of(LabelSelector selector) {
    StringBuilder sql = new StringBuilder("1 = 1");
    List<Object> params = new ArrayList<>();
    for (Requirement r : selector.requirements()) {
      boolean negated = r.op() == Op.NOT_IN || r.op() == Op.NOT_EXISTS;
      sql.append(negated ? " AND NOT EXISTS" : " AND EXISTS")
          .append(" (SELECT 1 FROM agent_label l WHERE l.agent_id = a.agent_id AND l.label_key = ?");
      params.add(r.key());
      if (!r.values().isEmpty()) {
        sql.append(" AND l.label_value IN (")
            .append(String.join(", ", Collections.nCopies(r.values().size(), "?")))
            .append(')');
        params.addAll(r.values());
      }
      sql.append(')');
    }
    return new SelectorSql(sql.toString(), params);
  }

  Object[] paramArray() {
    return params.toArray();
  }
}
