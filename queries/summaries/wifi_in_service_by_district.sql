-- A summary table, refreshed in the same transaction as every change of the warehouse
-- (smartisland/warehouse.py: refresh_summaries), so that pages read one row per month and district instead of
-- every point at every month end.
-- One row per month end of the Wi-Fi series (wifi_month_ends) and district (district_code, the first eight
-- characters of a village code) with at least one public Wi-Fi point in service that day
-- (points_in_service(day)): the points in service, the villages with at least one, the sum of their
-- bandwidth and how many of them state one (for a mean over districts).
-- Period: month_end
-- Grain: month_end, district_code
with month_ends as (
    select month_end from wifi_month_ends
),

final as (
    select
        month_ends.month_end,
        left(points.village_code, 8) as district_code,
        count(*) as points_in_service,
        count(distinct points.village_code) as villages_with_points,
        sum(points.bandwidth_mbps) as bandwidth_mbps_total,
        count(points.bandwidth_mbps) as points_with_bandwidth
    from month_ends
    inner join points_in_service(month_ends.month_end) as points on true
    group by month_ends.month_end, left(points.village_code, 8)
    order by month_ends.month_end, district_code
)

select * from final
