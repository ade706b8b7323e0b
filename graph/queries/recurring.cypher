// Recurring causes across issuers by theme: shortcomings that come back the next year
// (gk__recurs), per theme: how many issuers, how many recurrences, and their causes.
MATCH (later:gk__Shortcoming)-[:gk__recurs]->(:gk__Shortcoming)
MATCH (q:gk__Recurrence)-[:gk__recurrenceLater]->(later), (q)-[:gk__inPair]->(p:gk__YearPair)
MATCH (later)-[:gk__theme]->(t)
OPTIONAL MATCH (c:gk__Cause)-[:gk__causeOf]->(later)
WITH t, collect(DISTINCT p.gk__issuer_zh) AS issuers, collect(DISTINCT later.uri) AS recurrences,
     collect(DISTINCT c.gk__text_zh) AS causes
// causes: like the .rq's GROUP_CONCAT(separator " | "), sorted; null when there are none
WITH t, issuers, recurrences, COLLECT { UNWIND causes AS x RETURN x ORDER BY x } AS causes
RETURN t.uri AS theme, t.skos__prefLabel_zh AS themeLabel, size(issuers) AS issuers,
       size(recurrences) AS recurrences,
       CASE size(causes) WHEN 0 THEN null ELSE reduce(s = head(causes), x IN tail(causes) | s + ' | ' + x) END
         AS causes
ORDER BY issuers DESC, recurrences DESC, theme
