// Year over year: each action of year Y's plan with the measures of year Y+1 that carry it out
// (score, shared terms, best sentence); an action that left no trace has no measure.
MATCH (p:gk__YearPair)-[:gk__earlier]->(r:gk__Report)
MATCH (a:gk__Action)-[:gk__inReport]->(r)
WHERE a.gk__leftNoTrace IS NOT NULL
OPTIONAL MATCH (f:gk__FollowThrough)-[:gk__followAction]->(a), (f)-[:gk__inPair]->(p),
               (f)-[:gk__followMeasure]->(m:gk__Measure)
// terms: like the .rq's GROUP_CONCAT(separator "、"), sorted; null when there are none
WITH p, a, m, f, COLLECT { UNWIND [] + coalesce(f.gk__sharedTerm_zh, []) AS x
                           WITH DISTINCT x ORDER BY x RETURN x } AS ts
RETURN p.gk__issuer_zh AS issuer, p.gk__earlierYear AS year, a.gk__localId AS action,
       a.rdfs__label_zh AS actionLabel, m.gk__localId AS measure, m.rdfs__label_zh AS measureLabel,
       f.gk__score AS score,
       CASE size(ts) WHEN 0 THEN null ELSE reduce(s = head(ts), x IN tail(ts) | s + '、' + x) END AS terms,
       f.gk__evidenceSentence_zh AS sentence
ORDER BY issuer, year, action, score DESC, measure
