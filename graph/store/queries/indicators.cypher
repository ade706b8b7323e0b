// Every quantity reported for a measure: what it counts, the figure, unit and qualifier, year-on-year change.
// Cypher twin of indicators.rq.  $report: a report IRI, or null for all.
MATCH (i:Resource:gk__Indicator)-[:gk__inReport]->(r:Resource)
WHERE ($report IS NULL OR r.uri = $report)
  AND i.gk__localId IS NOT NULL AND i.qudt__numericValue IS NOT NULL
OPTIONAL MATCH (i)-[:gk__indicatorOf]->(m:Resource)
  WHERE m.gk__localId IS NOT NULL AND coalesce(m.rdfs__label_zh, m.rdfs__label) IS NOT NULL
RETURN r.uri AS report,
       i.gk__localId AS indicator,
       m.gk__localId AS measure,
       coalesce(m.rdfs__label_zh, m.rdfs__label) AS measureLabel,
       coalesce(i.gk__counts_zh, i.gk__counts) AS counts,
       i.qudt__numericValue AS value,
       i.gk__valueMax AS valueMax,
       coalesce(i.gk__unit, i.gk__unit_zh) AS unit,
       coalesce(i.gk__qualifier, i.gk__qualifier_zh) AS qualifier,
       coalesce(i.gk__raw, i.gk__raw_zh) AS raw,
       i.gk__year AS year,
       i.gk__change AS change,
       i.gk__relation AS relation
ORDER BY report, measure, indicator
