-- One row per month: the share (%) of requests made online, over the services reporting both requests and
-- online requests for all of Bali (regency_code 51), dated at the month's last day.
-- Parameters: none.
with reports as (
    select month, requests_total, requests_online
    from service_monthly
    where regency_code = '51' and requests_total > 0 and requests_online is not null
),

final as (
    select
        last_day(month) as period_end,
        100.0 * sum(requests_online) / sum(requests_total) as value
    from reports
    group by month
    order by month
)

select * from final
