// Spread of mechanisms: each mechanism (one node across reports, docs/entity-resolution.md)
// by the number of issuers and reports that mention it.  Cypher twin of spread.rq.
MATCH (m:Resource:gk__Mechanism)-[:gk__mentionedIn]->(r:Resource:gk__Report)
WHERE r.gk__issuer_zh IS NOT NULL AND coalesce(m.rdfs__label_zh, m.rdfs__label) IS NOT NULL
WITH m, count(DISTINCT r.gk__issuer_zh) AS issuers, count(DISTINCT r) AS reports
RETURN m.uri AS mechanism, coalesce(m.rdfs__label_zh, m.rdfs__label) AS label, issuers, reports
ORDER BY issuers DESC, reports DESC, label, mechanism
LIMIT 200
