-- One row per month end since the first installation: the public Wi-Fi points active then
-- (installed on or before that day and not decommissioned by it), as period_end and value; read from the
-- summary by district and month (queries/summaries/wifi_in_service_by_district.sql).
-- Parameters: none.
-- Grain: period_end
with month_ends as (
    select month_end as period_end from wifi_month_ends
),

final as (
    select
        month_ends.period_end,
        coalesce(sum(districts.points_in_service), 0)::double as value
    from month_ends
    left join wifi_in_service_by_district as districts on districts.month_end = month_ends.period_end
    group by month_ends.period_end
    order by month_ends.period_end
)

select * from final
