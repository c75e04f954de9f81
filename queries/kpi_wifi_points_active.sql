-- One row per month end since the first installation: the public Wi-Fi points active then
-- (installed on or before that day and not decommissioned by it), as period_end and value.
-- Parameters: none.
with points as (
    select installed_on, decommissioned_on from wifi_points
),

month_ends as (
    select month_end as period_end from wifi_month_ends
),

final as (
    select
        month_ends.period_end,
        count(points.installed_on)::double as value
    from month_ends
    left join points
        on points.installed_on <= month_ends.period_end
        and (points.decommissioned_on is null or points.decommissioned_on > month_ends.period_end)
    group by month_ends.period_end
    order by month_ends.period_end
)

select * from final
