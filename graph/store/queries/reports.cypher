// The reports in the store: id, issuer, region, year, date and missing parts.
// Cypher twin of reports.rq on the graph written by `govkg load` (graph/neo4j_load.py):
// literals are properties (`_zh` for @zh), multi-valued ones arrays; `[] + coalesce(x, [])`
// turns a scalar-or-array property into a list; a GROUP_CONCAT of nothing is null (unbound in
// oxigraph), of values their sorted join.  $report: a report IRI, or null for all.
MATCH (r:Resource:gk__Report)
WHERE ($report IS NULL OR r.uri = $report) AND r.gk__reportId IS NOT NULL
WITH r, COLLECT { UNWIND [] + coalesce(r.gk__missingPart, []) AS m
                  WITH DISTINCT toString(m) AS m ORDER BY m RETURN m } AS missing
RETURN r.uri AS report,
       r.gk__reportId AS id,
       coalesce(r.gk__issuer_zh, r.gk__issuer) AS issuer,
       coalesce(r.gk__region_zh, r.gk__region) AS region,
       r.gk__year AS year,
       toString(r.dcterms__date) AS date,
       CASE size(missing) WHEN 0 THEN null ELSE reduce(s = head(missing), m IN tail(missing) | s + ';' + m) END
         AS missingParts
ORDER BY year, id
