// Quantified targets of the planned actions, with this year's baseline indicator and the change it asks for.
// Cypher twin of targets.rq.  $report: a report IRI, or null for all.
MATCH (t:Resource:gk__Target)-[:gk__inReport]->(r:Resource)
WHERE ($report IS NULL OR r.uri = $report)
  AND t.gk__localId IS NOT NULL AND t.qudt__numericValue IS NOT NULL
OPTIONAL MATCH (t)-[:gk__targetOf]->(a:Resource)
  WHERE a.gk__localId IS NOT NULL AND coalesce(a.rdfs__label_zh, a.rdfs__label) IS NOT NULL
OPTIONAL MATCH (t)-[:gk__baseline]->(b:Resource)
  WHERE b.gk__localId IS NOT NULL AND b.qudt__numericValue IS NOT NULL
RETURN r.uri AS report,
       t.gk__localId AS target,
       a.gk__localId AS action,
       coalesce(a.rdfs__label_zh, a.rdfs__label) AS actionLabel,
       t.gk__comparator AS comparator,
       t.qudt__numericValue AS value,
       coalesce(t.gk__unit, t.gk__unit_zh) AS unit,
       coalesce(t.gk__counts_zh, t.gk__counts) AS counts,
       coalesce(t.gk__raw, t.gk__raw_zh) AS raw,
       b.gk__localId AS baseline,
       b.qudt__numericValue AS baselineValue,
       coalesce(b.gk__unit, b.gk__unit_zh) AS baselineUnit,
       t.gk__changeRatio AS changeRatio
ORDER BY report, target
