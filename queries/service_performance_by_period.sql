-- One row per service and period (a month, quarter or year by $period_unit) with figures for the area
-- $regency_code ('51' for all of Bali, or a regency code): requests; digital take-up (online / all requests)
-- and completion rate (completed / all requests) as fractions; median processing days, satisfaction (IKM,
-- 25-100) and cost per transaction as means weighted by requests. Each ratio or mean uses only the months
-- that report both the figure and requests_total; when no month reports requests, a mean is the plain mean
-- of the months that report the figure. A figure no month reports stays null, never 0.
-- months_with_rows counts the months of the period that hold a row for the service.
-- Parameters: $regency_code, $period_unit ('month', 'quarter' or 'year').
with monthly_figures as (
    select * from service_monthly
    where regency_code = $regency_code
),

in_periods as (
    select
        *,
        date_trunc($period_unit, month)::date as period_start
    from monthly_figures
),

final as (
    select
        service_id,
        period_start,
        count(*) as months_with_rows,
        sum(requests_total) as requests_total,
        sum(requests_online) filter (where requests_total is not null) as requests_online,
        sum(requests_online) filter (where requests_total is not null)
            / nullif(sum(requests_total) filter (where requests_online is not null), 0) as digital_take_up,
        sum(completed) filter (where requests_total is not null)
            / nullif(sum(requests_total) filter (where completed is not null), 0) as completion_rate,
        coalesce(
            sum(median_days * requests_total) / nullif(sum(requests_total) filter (where median_days is not null), 0),
            avg(median_days)
        ) as median_days,
        coalesce(
            sum(satisfaction_ikm * requests_total) / nullif(sum(requests_total) filter (where satisfaction_ikm is not null), 0),
            avg(satisfaction_ikm)
        ) as satisfaction_ikm,
        coalesce(
            sum(cost_per_transaction_idr * requests_total)
                / nullif(sum(requests_total) filter (where cost_per_transaction_idr is not null), 0),
            avg(cost_per_transaction_idr)
        ) as cost_per_transaction_idr
    from in_periods
    group by service_id, period_start
    order by service_id, period_start
)

select * from final
