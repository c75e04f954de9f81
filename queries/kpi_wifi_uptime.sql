-- One row per month with usage reports: the mean uptime (%) of the Wi-Fi points that reported one,
-- dated at the month's last day.
-- Parameters: none.
-- Grain: period_end
with usage as (
    select month, uptime_pct from wifi_usage_monthly where uptime_pct is not null
),

final as (
    select
        last_day(month) as period_end,
        avg(uptime_pct) as value
    from usage
    group by month
    order by month
)

select * from final
