// Accepted action → cause links: which planned action addresses which cause, how strongly, on what shared terms.
// Cypher twin of links.rq: a gk:Link is the relationship (action)-[:gk__addresses {uri}]->(cause)
// carrying the link's literals; its gk:inReport is the string property gk__inReport.
// $report: a report IRI, or null for all.
MATCH (a:Resource)-[l:gk__addresses]->(c:Resource)
WHERE l.uri IS NOT NULL AND l.gk__score IS NOT NULL AND l.gk__inReport IS NOT NULL
  AND ($report IS NULL OR l.gk__inReport = $report)
  AND a.gk__localId IS NOT NULL AND coalesce(a.rdfs__label_zh, a.rdfs__label) IS NOT NULL
  AND c.gk__localId IS NOT NULL AND coalesce(c.rdfs__label_zh, c.rdfs__label) IS NOT NULL
OPTIONAL MATCH (c)-[:gk__causeOf]->(s:Resource) WHERE s.gk__localId IS NOT NULL
UNWIND CASE WHEN l.gk__sharedTerm_zh IS NULL AND l.gk__sharedTerm IS NULL THEN [null]
            ELSE [] + coalesce(l.gk__sharedTerm_zh, []) + coalesce(l.gk__sharedTerm, []) END AS term
WITH l.gk__inReport AS report, a.gk__localId AS action, coalesce(a.rdfs__label_zh, a.rdfs__label) AS actionLabel,
     c.gk__localId AS cause, coalesce(c.rdfs__label_zh, c.rdfs__label) AS causeLabel,
     s.gk__localId AS shortcoming, l.gk__score AS score, l.gk__lexicalScore AS lexical,
     l.gk__semanticScore AS semantic, collect(DISTINCT toString(term)) AS terms
WITH *, COLLECT { UNWIND terms AS t RETURN t ORDER BY t } AS terms
RETURN report, action, actionLabel, cause, causeLabel, shortcoming, score, lexical, semantic,
       CASE size(terms) WHEN 0 THEN null ELSE reduce(x = head(terms), t IN tail(terms) | x + ';' + t) END AS terms
ORDER BY report, action, score DESC, cause
