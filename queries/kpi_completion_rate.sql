-- One row per month: the share (%) of requests completed, over the services reporting both requests and
-- completions for all of Bali (regency_code 51), dated at the month's last day.
-- Parameters: none.
with reports as (
    select month, requests_total, completed
    from service_monthly
    where regency_code = '51' and requests_total > 0 and completed is not null
),

final as (
    select
        last_day(month) as period_end,
        100.0 * sum(completed) / sum(requests_total) as value
    from reports
    group by month
    order by month
)

select * from final
