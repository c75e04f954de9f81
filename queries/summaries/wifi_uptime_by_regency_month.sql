-- A summary table, refreshed in the same transaction as every change of the warehouse
-- (smartisland/warehouse.py: refresh_summaries), so that the uptime KPIs read one row per month and regency
-- instead of every month of use of every point.
-- One row per month with monthly use reported and regency of the reporting points' villages (village_places;
-- regency_code and regency_name missing for a point whose village has no regency there): how many uptime
-- figures were reported and their sum (uptime_pct_total, for a mean over points: total / reports).
-- Period: month
-- Grain: month, regency_code
with usage as (
    select point_id, month, uptime_pct from wifi_usage_monthly
),

points as (
    select points.point_id, places.regency_code, places.regency_name
    from wifi_points as points
    left join village_places as places using (village_code)
),

final as (
    select
        usage.month,
        points.regency_code,
        any_value(points.regency_name) as regency_name,
        count(usage.uptime_pct) as uptime_reports,
        sum(usage.uptime_pct) as uptime_pct_total
    from usage
    left join points using (point_id)
    group by usage.month, points.regency_code
    order by usage.month, points.regency_code
)

select * from final
