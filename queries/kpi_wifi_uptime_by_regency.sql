-- One row per regency with uptime reports in the latest month of usage data: the mean uptime (%) of its
-- Wi-Fi points that reported one, dated at the month's last day, as region_code, name, period_end and value
-- (read from the summary by month and regency, queries/summaries/wifi_uptime_by_regency_month.sql).
-- Parameters: none.
-- Grain: region_code
with reports as (
    select month, regency_code, regency_name, uptime_reports, uptime_pct_total
    from wifi_uptime_by_regency_month
    where uptime_reports > 0
),

latest as (
    select *
    from reports
    where month = (select max(month) from reports)
        and regency_code is not null
),

final as (
    select
        regency_code as region_code,
        regency_name as name,
        last_day(month) as period_end,
        uptime_pct_total / uptime_reports as value
    from latest
    order by regency_code
)

select * from final
