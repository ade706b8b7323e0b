// Open causes: causes of a shortcoming that no accepted link addresses, with the best candidate action and its score.
// Cypher twin of gaps.rq.  "Accepted" = a gk__addresses relationship that is a plain triple
// (no uri) or a link with gk__accepted = true; a mere candidate link (false) does not count.
// $report: a report IRI, or null for all.
MATCH (c:Resource:gk__Cause)-[:gk__inReport]->(r:Resource)
WHERE ($report IS NULL OR r.uri = $report)
  AND c.gk__localId IS NOT NULL AND coalesce(c.rdfs__label_zh, c.rdfs__label) IS NOT NULL
  AND NOT EXISTS { MATCH ()-[x:gk__addresses]->(c) WHERE coalesce(x.gk__accepted, true) }
OPTIONAL MATCH (c)-[:gk__causeOf]->(s:Resource)
  WHERE s.gk__localId IS NOT NULL AND coalesce(s.rdfs__label_zh, s.rdfs__label) IS NOT NULL
OPTIONAL MATCH (c)-[:gk__bestCandidate]->(b:Resource)
  WHERE b.gk__localId IS NOT NULL AND coalesce(b.rdfs__label_zh, b.rdfs__label) IS NOT NULL
RETURN r.uri AS report,
       c.gk__localId AS cause,
       coalesce(c.rdfs__label_zh, c.rdfs__label) AS causeLabel,
       s.gk__localId AS shortcoming,
       coalesce(s.rdfs__label_zh, s.rdfs__label) AS shortcomingLabel,
       b.gk__localId AS bestAction,
       coalesce(b.rdfs__label_zh, b.rdfs__label) AS bestActionLabel,
       c.gk__bestCandidateScore AS bestScore
ORDER BY report, cause
