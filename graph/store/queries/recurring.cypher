// Recurring causes across issuers by theme: shortcomings that come back the next year
// (gk__recurs), per theme: how many issuers, how many recurrences, and their causes.
// Cypher twin of recurring.rq (oxigraph leaves a GROUP_CONCAT of no value unbound: null here).
MATCH (later:Resource)-[:gk__recurs]->(:Resource)
MATCH (q:Resource)-[:gk__recurrenceLater]->(later), (q)-[:gk__inPair]->(p:Resource)
MATCH (later)-[:gk__theme]->(t:Resource)
WHERE p.gk__issuer_zh IS NOT NULL
OPTIONAL MATCH (c:Resource)-[:gk__causeOf]->(later) WHERE c.gk__text_zh IS NOT NULL
WITH t, collect(DISTINCT p.gk__issuer_zh) AS issuers, collect(DISTINCT later) AS recurrences,
     collect(DISTINCT c.gk__text_zh) AS causes
WITH t, issuers, recurrences, COLLECT { UNWIND causes AS x RETURN x ORDER BY x } AS causes
RETURN t.uri AS theme, t.skos__prefLabel_zh AS themeLabel, size(issuers) AS issuers,
       size(recurrences) AS recurrences,
       CASE size(causes) WHEN 0 THEN null ELSE reduce(x = head(causes), s IN tail(causes) | x + ' | ' + s) END AS causes
ORDER BY issuers DESC, recurrences DESC, theme
