// Spread of mechanisms: each mechanism (one node across reports, docs/entity-resolution.md)
// by the number of issuers and reports that mention it.
MATCH (m:gk__Mechanism)-[:gk__mentionedIn]->(r:gk__Report)
WITH m, collect(DISTINCT r.gk__issuer_zh) AS issuers, count(DISTINCT r) AS reports
RETURN m.uri AS mechanism, m.rdfs__label_zh AS label, size(issuers) AS issuers, reports
ORDER BY issuers DESC, reports DESC, label
LIMIT 200
