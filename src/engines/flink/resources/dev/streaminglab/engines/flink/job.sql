-- The job (docs/evaluation/job.md) in Flink SQL. FlinkSqlJob fills in ${...}: topics, bootstrap, ids, the
-- refusal expression (refusal.sql) and ${SITE}, a CASE over the registry file's devices.

-- Only accepted readings carry an event time (rt), so refused ones cannot move the watermark. The watermark
-- lags 30 s and 1 ms: a window [s, e) fires once e <= newest - 30 s, the job's rule.
CREATE TABLE telemetry (
  k BYTES,
  v BYTES,
  `partition` INT METADATA VIRTUAL,
  proc AS PROCTIME(),
  rt AS CASE WHEN (${REFUSAL_OF_V}) IS NULL
    THEN TO_TIMESTAMP_LTZ(TRY_CAST(JSON_VALUE(CAST(v AS STRING), '$.timestamp') AS BIGINT), 3) END,
  WATERMARK FOR rt AS rt - INTERVAL '30.001' SECOND
) WITH (
  'connector' = 'kafka', 'topic' = '${INPUT}', 'properties.bootstrap.servers' = '${BOOTSTRAP}',
  'properties.group.id' = '${ID}', 'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw', 'key.fields' = 'k', 'value.format' = 'raw', 'value.fields-include' = 'EXCEPT_KEY'
);

CREATE TABLE windows (
  site STRING, windowStart BIGINT, windowEnd BIGINT, `count` BIGINT, `min` DOUBLE, `max` DOUBLE, `avg` DOUBLE
) WITH (
  'connector' = 'kafka', 'topic' = '${WINDOWS}', 'properties.bootstrap.servers' = '${BOOTSTRAP}',
  'key.format' = 'raw', 'key.fields' = 'site', 'value.format' = 'json', 'value.fields-include' = 'ALL',
  'sink.delivery-guarantee' = '${GUARANTEE}', 'sink.transactional-id-prefix' = '${ID}-windows',
  'properties.transaction.timeout.ms' = '60000'
);

CREATE TABLE dlq (
  k BYTES, v BYTES, headers MAP<STRING, BYTES> METADATA
) WITH (
  'connector' = 'kafka', 'topic' = '${DLQ}', 'properties.bootstrap.servers' = '${BOOTSTRAP}',
  'key.format' = 'raw', 'key.fields' = 'k', 'value.format' = 'raw', 'value.fields-include' = 'EXCEPT_KEY',
  'sink.delivery-guarantee' = '${GUARANTEE}', 'sink.transactional-id-prefix' = '${ID}-dlq',
  'properties.transaction.timeout.ms' = '60000'
);

CREATE TEMPORARY VIEW checked AS
SELECT k, v, `partition`, proc, rt, ${REFUSAL_OF_S} AS reason, ${SITE_OF_S} AS site,
  TRY_CAST(JSON_VALUE(s, '$.timestamp') AS BIGINT) AS event_ms,
  TRY_CAST(JSON_VALUE(s, '$.temperature') AS DOUBLE) AS temperature
FROM (SELECT *, CAST(v AS STRING) AS s FROM telemetry);

-- The lateness rule: the partition's stream time is its largest accepted event time so far, in offset order
-- (including the row itself changes nothing: a reading is never late against its own time). An OVER window can
-- only be ordered by a time attribute; processing time is arrival order, which is offset order only because
-- FlinkSqlJob runs the whole plan at parallelism 1 (see there).
CREATE TEMPORARY VIEW marked AS
SELECT k, v, rt, site, event_ms, temperature,
  CASE WHEN reason IS NULL AND event_ms - MOD(event_ms, 60000) + 60000 <= stream_time - 30000 THEN 'LATE'
    ELSE reason END AS verdict
FROM (SELECT *, MAX(CASE WHEN reason IS NULL THEN event_ms END) OVER (PARTITION BY `partition` ORDER BY proc
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS stream_time FROM checked);

CREATE TEMPORARY VIEW on_time AS SELECT rt, site, event_ms, temperature FROM marked WHERE verdict IS NULL;

INSERT INTO windows
SELECT site, MIN(event_ms - MOD(event_ms, 60000)), MIN(event_ms - MOD(event_ms, 60000)) + 60000,
  COUNT(*), MIN(temperature), MAX(temperature), AVG(temperature)
FROM TABLE(TUMBLE(TABLE on_time, DESCRIPTOR(rt), INTERVAL '1' MINUTE))
GROUP BY site, window_start, window_end;

INSERT INTO dlq SELECT k, v, MAP['dlq.reason', ENCODE(verdict, 'UTF-8')] FROM marked WHERE verdict IS NOT NULL;
