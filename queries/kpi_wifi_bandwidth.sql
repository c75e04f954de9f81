-- One row: the mean bandwidth (Mbps) of the public Wi-Fi points active at the latest month end of the data.
-- The warehouse keeps only each point's current bandwidth, so no earlier value is claimed.
-- Parameters: none.
-- Grain: one row
with as_of as (
    select max(month_end) as period_end from wifi_month_ends
),

final as (
    select
        as_of.period_end,
        avg(points.bandwidth_mbps) as value
    from as_of
    inner join points_in_service(as_of.period_end) as points on true
    group by as_of.period_end
)

select * from final
