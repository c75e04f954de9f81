-- One row per month end, from the month of the first installation to the latest month with data: the
-- public Wi-Fi points in service then (installed on or before that day and not decommissioned by it) in
-- the region, and their total and mean bandwidth (the capacity); read from the summary by district and month
-- (queries/summaries/wifi_in_service_by_district.sql).
-- Parameters: $region_code (a province, regency or district code; its villages' points are counted).
-- Grain: month_end
with month_ends as (
    select month_end from wifi_month_ends
),

in_region as (
    select *
    from wifi_in_service_by_district
    where starts_with(district_code, $region_code)
),

final as (
    select
        month_ends.month_end,
        coalesce(sum(in_region.points_in_service), 0)::bigint as points_in_service,
        sum(in_region.bandwidth_mbps_total) as bandwidth_mbps_total,
        sum(in_region.bandwidth_mbps_total) / nullif(sum(in_region.points_with_bandwidth), 0) as bandwidth_mbps_mean
    from month_ends
    left join in_region on in_region.month_end = month_ends.month_end
    group by month_ends.month_end
    order by month_ends.month_end
)

select * from final
