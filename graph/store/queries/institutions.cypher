// Institutions with their scope and the measures/actions involving them.
// Cypher twin of institutions.rq (grouped per institution node, like GROUP BY ?inst).
// $report: a report IRI, or null for all.
MATCH (inst:Resource:gk__Institution)<-[:gk__involves]-(f:Resource)-[:gk__inReport]->(r:Resource)
WHERE ($report IS NULL OR r.uri = $report)
  AND f.gk__localId IS NOT NULL AND coalesce(inst.rdfs__label_zh, inst.rdfs__label) IS NOT NULL
WITH r.uri AS report, inst, coalesce(inst.rdfs__label_zh, inst.rdfs__label) AS institution,
     inst.gk__scope AS scope, inst.gk__institutionKind AS kind,
     count(DISTINCT f) AS uses, collect(DISTINCT toString(f.gk__localId)) AS facts
WITH report, institution, scope, kind, uses, COLLECT { UNWIND facts AS x RETURN x ORDER BY x } AS facts
RETURN report, institution, scope, kind, uses,
       CASE size(facts) WHEN 0 THEN null ELSE reduce(s = head(facts), x IN tail(facts) | s + ';' + x) END AS measures
ORDER BY report, uses DESC, institution
