-- One row per month with usage reports from the region's Wi-Fi points: points reporting, total unique
-- users (missing when no point reported users), sessions, traffic in GB, and the mean uptime of the points
-- that reported it.
-- Parameters: $region_code (province, regency or district code).
-- Grain: month
with points as (
    select point_id
    from wifi_points
    where starts_with(village_code, $region_code)
),

usage as (
    select wifi_usage_monthly.*
    from wifi_usage_monthly
    inner join points using (point_id)
),

final as (
    select
        month,
        count(*) as points_reporting,
        sum(unique_users) as unique_users,
        sum(sessions) as sessions,
        sum(traffic_gb) as traffic_gb,
        avg(uptime_pct) as uptime_pct_mean
    from usage
    group by month
    order by month
)

select * from final
