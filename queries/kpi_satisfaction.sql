-- One row per month: user satisfaction (IKM, 25-100) averaged over the services reporting it for all of
-- Bali (regency_code 51), each weighted by its requests, dated at the month's last day.
-- Parameters: none.
with reports as (
    select month, requests_total, satisfaction_ikm
    from service_monthly
    where regency_code = '51' and requests_total > 0 and satisfaction_ikm is not null
),

final as (
    select
        last_day(month) as period_end,
        sum(satisfaction_ikm * requests_total) / sum(requests_total) as value
    from reports
    group by month
    order by month
)

select * from final
