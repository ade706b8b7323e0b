// Recurring causes by theme and year: per theme and later year of a pair, the shortcomings that came
// back (gk__recurrenceLater of a recurrence), from how many issuers, and how many causes they were given.
// Cypher twin of recurringyears.rq.
MATCH (q:Resource)-[:gk__recurrenceLater]->(later:Resource), (q)-[:gk__inPair]->(p:Resource)
MATCH (later)-[:gk__theme]->(t:Resource)
WHERE p.gk__issuer_zh IS NOT NULL AND p.gk__laterYear IS NOT NULL
OPTIONAL MATCH (c:Resource)-[:gk__causeOf]->(later)
WITH t, p.gk__laterYear AS year, collect(DISTINCT p.gk__issuer_zh) AS issuers,
     collect(DISTINCT later) AS recurrences, collect(DISTINCT c) AS causes
RETURN t.uri AS theme, t.skos__prefLabel_zh AS themeLabel, year, size(issuers) AS issuers,
       size(recurrences) AS recurrences, size(causes) AS causes
ORDER BY theme, year
