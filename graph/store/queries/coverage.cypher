// The coverage matrix: every cause × action of a report with its score (0 when not scored) and whether the link was accepted.
// Cypher twin of coverage.rq: candidates are :gk__Candidate nodes, links are
// gk__addresses relationships with a uri.  $report: a report IRI, or null for all.
MATCH (c:Resource:gk__Cause)-[:gk__inReport]->(r:Resource)
WHERE ($report IS NULL OR r.uri = $report)
  AND c.gk__localId IS NOT NULL AND coalesce(c.rdfs__label_zh, c.rdfs__label) IS NOT NULL
MATCH (a:Resource:gk__Action)-[:gk__inReport]->(r)
WHERE a.gk__localId IS NOT NULL AND coalesce(a.rdfs__label_zh, a.rdfs__label) IS NOT NULL
OPTIONAL MATCH (k:Resource:gk__Candidate)-[:gk__candidateCause]->(c), (k)-[:gk__candidateAction]->(a)
  WHERE k.gk__score IS NOT NULL
OPTIONAL MATCH (a)-[l:gk__addresses]->(c) WHERE l.uri IS NOT NULL AND l.gk__score IS NOT NULL
RETURN r.uri AS report,
       c.gk__localId AS cause,
       coalesce(c.rdfs__label_zh, c.rdfs__label) AS causeLabel,
       a.gk__localId AS action,
       coalesce(a.rdfs__label_zh, a.rdfs__label) AS actionLabel,
       coalesce(l.gk__score, k.gk__score, 0.0) AS score,
       l IS NOT NULL AS accepted
ORDER BY report, cause, score DESC, action
