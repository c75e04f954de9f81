-- One row per month end, from the month of the first installation to the latest month with data: the
-- public Wi-Fi points in service then (installed on or before that day and not decommissioned by it) in
-- the region, and their total and mean bandwidth (the capacity).
-- Parameters: $region_code (a province, regency or district code; its villages' points are counted).
-- Grain: month_end
with month_ends as (
    select month_end from wifi_month_ends
),

final as (
    select
        month_ends.month_end,
        count(points.point_id) as points_in_service,
        sum(points.bandwidth_mbps) as bandwidth_mbps_total,
        avg(points.bandwidth_mbps) as bandwidth_mbps_mean
    from month_ends
    left join points_in_service(month_ends.month_end) as points
        on starts_with(points.village_code, $region_code)
    group by month_ends.month_end
    order by month_ends.month_end
)

select * from final
