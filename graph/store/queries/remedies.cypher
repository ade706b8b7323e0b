// Remedies per cause: every cause with the actions that answer it (accepted links: score, the action's best sentence) and whether the next year's report of that body carries each action out (yes, no, or unknown when there is none); `govkg suggest` ranks them for the causes of a report.
// Cypher twin of remedies.rq: an accepted gk:Link is the relationship (action)-[:gk__addresses {uri}]->(cause)
// with gk__accepted true; gk:carriedOutBy is a relationship from the action to next year's measure.
// $report: a report IRI, or null for all.
MATCH (c:Resource:gk__Cause)-[:gk__inReport]->(r:Resource)
WHERE ($report IS NULL OR r.uri = $report)
  AND c.gk__localId IS NOT NULL AND coalesce(c.gk__text_zh, c.gk__text) IS NOT NULL
OPTIONAL MATCH (a:Resource)-[l:gk__addresses]->(c)
  WHERE l.uri IS NOT NULL AND l.gk__score IS NOT NULL AND coalesce(l.gk__accepted, true)
    AND a.gk__localId IS NOT NULL AND coalesce(a.rdfs__label_zh, a.rdfs__label) IS NOT NULL
OPTIONAL MATCH (p:Resource:gk__YearPair)-[:gk__earlier]->(r) WHERE a IS NOT NULL
OPTIONAL MATCH (a)-[:gk__carriedOutBy]->(m:Resource) WHERE coalesce(m.rdfs__label_zh, m.rdfs__label) IS NOT NULL
WITH r, c, a, l, count(DISTINCT p) AS pairs, collect(DISTINCT toString(coalesce(m.rdfs__label_zh, m.rdfs__label))) AS ms
WITH r, c, a, l, pairs, COLLECT { UNWIND ms AS x RETURN x ORDER BY x } AS measures
RETURN r.uri AS report,
       coalesce(r.gk__issuer_zh, r.gk__issuer) AS issuer,
       r.gk__year AS year,
       c.gk__localId AS cause,
       coalesce(c.gk__text_zh, c.gk__text) AS causeText,
       c.gk__isOpen AS open,
       a.gk__localId AS action,
       coalesce(a.rdfs__label_zh, a.rdfs__label) AS actionLabel,
       coalesce(l.gk__evidenceSentence_zh, l.gk__evidenceSentence) AS actionSentence,
       l.gk__score AS score,
       CASE WHEN a IS NULL THEN null WHEN pairs = 0 THEN 'unknown' WHEN size(measures) > 0 THEN 'yes' ELSE 'no' END
         AS carriedOut,
       CASE size(measures) WHEN 0 THEN null ELSE reduce(s = head(measures), x IN tail(measures) | s + ' | ' + x) END
         AS carriedBy
ORDER BY report, cause, action
