-- One row: the mean bandwidth (Mbps) of the public Wi-Fi points active at the latest month end of the data.
-- The warehouse keeps only each point's current bandwidth, so no earlier value is claimed.
-- Parameters: none.
with points as (
    select installed_on, decommissioned_on, bandwidth_mbps from wifi_points
),

as_of as (
    select max(month_end) as period_end from wifi_month_ends
),

final as (
    select
        as_of.period_end,
        avg(points.bandwidth_mbps) as value
    from points, as_of
    where points.installed_on <= as_of.period_end
        and (points.decommissioned_on is null or points.decommissioned_on > as_of.period_end)
    group by as_of.period_end
)

select * from final
