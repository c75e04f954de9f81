-- One row per month with usage reports: the mean uptime (%) of the Wi-Fi points that reported one,
-- dated at the month's last day (read from the summary by month and regency,
-- queries/summaries/wifi_uptime_by_regency_month.sql: the sum of the figures over their number).
-- Parameters: none.
-- Grain: period_end
with reports as (
    select month, uptime_reports, uptime_pct_total
    from wifi_uptime_by_regency_month
    where uptime_reports > 0
),

final as (
    select
        last_day(month) as period_end,
        sum(uptime_pct_total) / sum(uptime_reports) as value
    from reports
    group by month
    order by month
)

select * from final
