// Mechanisms (三所联动, 一站式 …) with the measures and actions that use them.
// Cypher twin of mechanisms.rq (grouped per mechanism node, like GROUP BY ?mech).
// $report: a report IRI, or null for all.
MATCH (mech:Resource:gk__Mechanism)<-[:gk__usesMechanism]-(f:Resource)-[:gk__inReport]->(r:Resource)
WHERE ($report IS NULL OR r.uri = $report)
  AND f.gk__localId IS NOT NULL AND coalesce(mech.rdfs__label_zh, mech.rdfs__label) IS NOT NULL
WITH r.uri AS report, mech, coalesce(mech.rdfs__label_zh, mech.rdfs__label) AS mechanism,
     mech.gk__mechanismKind AS kind, count(DISTINCT f) AS uses, collect(DISTINCT toString(f.gk__localId)) AS facts
WITH report, mechanism, kind, uses, COLLECT { UNWIND facts AS x RETURN x ORDER BY x } AS facts
RETURN report, mechanism, kind, uses,
       CASE size(facts) WHEN 0 THEN null ELSE reduce(s = head(facts), x IN tail(facts) | s + ';' + x) END AS measures
ORDER BY report, uses DESC, mechanism
