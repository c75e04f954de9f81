-- One row per month end since the first installation: the public Wi-Fi points active then
-- (installed on or before that day and not decommissioned by it), as period_end and value.
-- Parameters: none.
-- Grain: period_end
with month_ends as (
    select month_end as period_end from wifi_month_ends
),

final as (
    select
        month_ends.period_end,
        count(points.point_id)::double as value
    from month_ends
    left join points_in_service(month_ends.period_end) as points on true
    group by month_ends.period_end
    order by month_ends.period_end
)

select * from final
