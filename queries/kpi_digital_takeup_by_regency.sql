-- One row per regency with service reports in the latest month of regency data: the share (%) of its
-- requests made online, as region_code, name, period_end and value.
-- Parameters: none.
with reports as (
    select month, regency_code, requests_total, requests_online
    from service_monthly
    where regency_code <> '51' and requests_total > 0 and requests_online is not null
),

latest as (
    select max(month) as month from reports
),

final as (
    select
        regions.region_code,
        regions.name,
        last_day(latest.month) as period_end,
        100.0 * sum(reports.requests_online) / sum(reports.requests_total) as value
    from reports
    inner join latest on latest.month = reports.month
    inner join regions on regions.region_code = reports.regency_code
    group by regions.region_code, regions.name, latest.month
    order by regions.region_code
)

select * from final
