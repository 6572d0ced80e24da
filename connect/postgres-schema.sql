-- The tables the Connect JDBC sinks write (applied by the kit on every start; nothing is dropped).
-- Column names are the JSON field names of the pipeline's records, which PostgreSQL folds to lower case
-- (windowStart is windowstart). Window bounds and event times arrive as epoch milliseconds and are turned
-- into timestamps by the TimestampConverter SMT of each sink.
--
-- Each primary key is the window key, so the sink's upsert makes re-reading a topic (a restart, a worker
-- failover, a replay) rewrite rows instead of adding duplicates.

-- aggregates.device.1m.final: one final row per device and closed 1-minute window.
create table if not exists device_stats_1m (
    key            text             not null,
    windowStart    timestamptz      not null,
    windowEnd      timestamptz      not null,
    count          bigint           not null,
    temperatureMin double precision not null,
    temperatureMax double precision not null,
    temperatureAvg double precision not null,
    humidityAvg    double precision not null,
    primary key (key, windowStart)
);

-- aggregates.site.1m: emitted on every update, so the row holds the latest value of each site's window.
create table if not exists site_stats_1m (
    key            text             not null,
    windowStart    timestamptz      not null,
    windowEnd      timestamptz      not null,
    count          bigint           not null,
    temperatureMin double precision not null,
    temperatureMax double precision not null,
    temperatureAvg double precision not null,
    humidityAvg    double precision not null,
    primary key (key, windowStart)
);

-- alerts: one row per device, alert type and event time.
create table if not exists alerts (
    deviceId  text             not null,
    site      text             not null,
    type      text             not null,
    severity  text             not null,
    eventTime timestamptz      not null,
    value     double precision not null,
    message   text             not null,
    primary key (deviceId, type, eventTime)
);
