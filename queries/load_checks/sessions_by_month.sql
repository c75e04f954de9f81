-- Rule: raw Wi-Fi sessions roll up into monthly use per point: sessions counted, bytes summed in GB; unique
-- users and uptime are not in raw sessions.
-- Grain: one row per point and month (the columns of wifi_usage_monthly). Parameters: sessions (the name of a
-- table of typed sessions).
create or replace macro sessions_by_month(sessions) as table
    select point_id, cast(date_trunc('month', started_at) as date) as month,
           cast(null as bigint) as unique_users, count(*) as sessions,
           cast(sum(bytes) as double) / 1e9 as traffic_gb, cast(null as double) as uptime_pct
    from query_table(sessions)
    group by point_id, month
