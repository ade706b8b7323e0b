// Unmotivated actions: planned actions that address no cause (no accepted link), with the best candidate cause.
// Cypher twin of unmotivated.rq.  "Accepted" = a gk__addresses relationship that is a plain
// triple (no uri) or a link with gk__accepted = true.  $report: a report IRI, or null for all.
MATCH (a:Resource:gk__Action)-[:gk__inReport]->(r:Resource)
WHERE ($report IS NULL OR r.uri = $report)
  AND a.gk__localId IS NOT NULL AND coalesce(a.rdfs__label_zh, a.rdfs__label) IS NOT NULL
  AND NOT EXISTS { MATCH (a)-[x:gk__addresses]->() WHERE coalesce(x.gk__accepted, true) }
OPTIONAL MATCH (a)-[:gk__bestCandidate]->(b:Resource)
  WHERE b.gk__localId IS NOT NULL AND coalesce(b.rdfs__label_zh, b.rdfs__label) IS NOT NULL
RETURN r.uri AS report,
       a.gk__localId AS action,
       coalesce(a.rdfs__label_zh, a.rdfs__label) AS actionLabel,
       b.gk__localId AS bestCause,
       coalesce(b.rdfs__label_zh, b.rdfs__label) AS bestCauseLabel,
       a.gk__bestCandidateScore AS bestScore
ORDER BY report, action
