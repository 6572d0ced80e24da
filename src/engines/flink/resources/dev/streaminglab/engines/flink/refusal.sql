-- Why a raw value is refused, NULL when it is accepted (docs/evaluation/job.md, "Refusals"); the first that
-- applies wins. $s is the value as text. FlinkSqlJob splices this expression into job.sql twice: Flink SQL
-- cannot refer to one computed column from another, and the source's event-time column needs it too.
-- Types are read from each field's JSON text (JSON_QUERY ... WITH ARRAY WRAPPER gives ["x"], [21.5], [true]),
-- because JSON_VALUE(... RETURNING DOUBLE) on a text value fails the job instead of returning NULL (Flink 2.2).
CASE
  WHEN $s IS NULL OR NOT ($s IS JSON OBJECT)
    -- IS JSON and the JSON functions read past the end of the first object: text after it must be refused here.
    OR NOT REGEXP($s, '\}\s*$')
    OR NOT REGEXP(COALESCE(JSON_QUERY($s, '$.deviceId' WITH ARRAY WRAPPER), '[""]'), '^\["')
    OR NOT REGEXP(COALESCE(JSON_QUERY($s, '$.timestamp' WITH ARRAY WRAPPER), '[0]'), '^\[-?[0-9]+\]$')
    OR NOT REGEXP(COALESCE(JSON_QUERY($s, '$.seq' WITH ARRAY WRAPPER), '[0]'), '^\[-?[0-9]+\]$')
    OR NOT REGEXP(COALESCE(JSON_QUERY($s, '$.temperature' WITH ARRAY WRAPPER), '[0]'), '^\[-?[0-9]')
    OR NOT REGEXP(COALESCE(JSON_QUERY($s, '$.humidity' WITH ARRAY WRAPPER), '[0]'), '^\[-?[0-9]')
    OR NOT REGEXP(COALESCE(JSON_QUERY($s, '$.light' WITH ARRAY WRAPPER), '[0]'), '^\[-?[0-9]')
    OR NOT REGEXP(COALESCE(JSON_QUERY($s, '$.voltage' WITH ARRAY WRAPPER), '[0]'), '^\[-?[0-9]')
    THEN 'BAD_JSON'
  WHEN JSON_VALUE($s, '$.deviceId') IS NULL OR TRIM(JSON_VALUE($s, '$.deviceId')) = ''
    OR JSON_VALUE($s, '$.timestamp') IS NULL OR JSON_VALUE($s, '$.seq') IS NULL
    OR JSON_VALUE($s, '$.temperature') IS NULL OR JSON_VALUE($s, '$.humidity') IS NULL
    THEN 'MISSING_FIELD'
  WHEN TRY_CAST(JSON_VALUE($s, '$.timestamp') AS BIGINT) NOT BETWEEN 946684800000 AND 4102444799999
    OR TRY_CAST(JSON_VALUE($s, '$.temperature') AS DOUBLE) NOT BETWEEN -40 AND 85
    OR TRY_CAST(JSON_VALUE($s, '$.humidity') AS DOUBLE) NOT BETWEEN 0 AND 100
    OR COALESCE(TRY_CAST(JSON_VALUE($s, '$.light') AS DOUBLE), 0) NOT BETWEEN 0 AND 100000
    OR COALESCE(TRY_CAST(JSON_VALUE($s, '$.voltage') AS DOUBLE), 0) NOT BETWEEN 0 AND 5
    THEN 'OUT_OF_RANGE'
  WHEN ($site) IS NULL THEN 'UNKNOWN_DEVICE'
END
