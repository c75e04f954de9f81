-- One row per regency with public Wi-Fi points active at the latest month end of the data (period_end): their
-- mean bandwidth (Mbps), as region_code, name, period_end and value.
-- Parameters: none.
-- Grain: region_code
with as_of as (
    select max(month_end) as period_end from wifi_month_ends
),

points as (
    select places.regency_code, places.regency_name, points.bandwidth_mbps
    from as_of
    inner join points_in_service(as_of.period_end) as points on true
    inner join village_places as places using (village_code)
    where places.regency_code is not null
),

final as (
    select
        points.regency_code as region_code,
        points.regency_name as name,
        as_of.period_end,
        avg(points.bandwidth_mbps) as value
    from points
    cross join as_of
    group by points.regency_code, points.regency_name, as_of.period_end
    order by points.regency_code
)

select * from final
