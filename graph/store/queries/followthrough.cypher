// Year over year: each action of year Y's plan with the measures of year Y+1 that carry it out
// (score, shared terms, best sentence); an action that left no trace has no measure.
// Cypher twin of followthrough.rq: gk:FollowThrough nodes point at their action, measure and pair.
MATCH (p:Resource:gk__YearPair)-[:gk__earlier]->(r:Resource)
MATCH (a:Resource:gk__Action)-[:gk__inReport]->(r)
WHERE p.gk__issuer_zh IS NOT NULL AND p.gk__earlierYear IS NOT NULL AND a.gk__leftNoTrace IS NOT NULL
  AND a.gk__localId IS NOT NULL AND coalesce(a.rdfs__label_zh, a.rdfs__label) IS NOT NULL
OPTIONAL MATCH (f:Resource:gk__FollowThrough)-[:gk__followAction]->(a),
               (f)-[:gk__inPair]->(p), (f)-[:gk__followMeasure]->(m:Resource)
WHERE f.gk__score IS NOT NULL AND m.gk__localId IS NOT NULL
  AND coalesce(m.rdfs__label_zh, m.rdfs__label) IS NOT NULL
WITH p, a, f, m, CASE WHEN f IS NULL THEN [] ELSE [] + coalesce(f.gk__sharedTerm_zh, []) END AS terms
WITH p, a, f, m, COLLECT { UNWIND terms AS t RETURN DISTINCT toString(t) AS t ORDER BY t } AS terms
RETURN p.gk__issuer_zh AS issuer, p.gk__earlierYear AS year, a.gk__localId AS action,
       coalesce(a.rdfs__label_zh, a.rdfs__label) AS actionLabel, m.gk__localId AS measure,
       coalesce(m.rdfs__label_zh, m.rdfs__label) AS measureLabel, f.gk__score AS score,
       CASE size(terms) WHEN 0 THEN null ELSE reduce(x = head(terms), t IN tail(terms) | x + '、' + t) END AS terms,
       f.gk__evidenceSentence_zh AS sentence
ORDER BY issuer, year, action, score DESC, measure
