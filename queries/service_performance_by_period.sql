-- One row per service with figures in the period starting on $period_start or in the period just before it (a
-- month, quarter or year by $period_unit; the one before gives each figure's change), for the area $regency_code
-- (the province's code for all of it, or a regency code): requests; digital take-up (online / all requests)
-- and completion rate (completed / all requests) as fractions; median processing days, satisfaction (IKM,
-- 25-100) and cost per transaction as means weighted by requests (queries/views/service_measures.sql). Each ratio or
-- mean uses only the months that report both the figure and requests_total; when no month reports requests,
-- a mean is the plain mean of the months that report the figure. A figure no month reports stays null, never 0.
-- months_with_rows counts the months of the period that hold a row for the service.
-- Two periods, not every service's whole history: the rows grow with the number of services only.
-- One service's every period: service_performance_history.sql.
-- Parameters: $regency_code, $period_unit ('month', 'quarter' or 'year'), $period_start (a period's first day).
-- Grain: service_id, period_start
with previous_period as (
    select ($period_start::date - case $period_unit
        when 'month' then interval 1 month
        when 'quarter' then interval 3 month
        else interval 1 year end)::date as period_start
),

measures as (
    select *
    from service_measures_by_period
    where period_unit = $period_unit
        and regency_code = $regency_code and service_id is not null
        and (period_start = $period_start::date
            or period_start = (select previous_period.period_start from previous_period))
),

final as (
    select
        service_id,
        period_start,
        months_with_rows,
        requests_total,
        requests_online,
        digital_take_up,
        completion_rate,
        coalesce(median_days, median_days_unweighted) as median_days,
        coalesce(satisfaction_ikm, satisfaction_ikm_unweighted) as satisfaction_ikm,
        coalesce(cost_per_transaction_idr, cost_per_transaction_idr_unweighted) as cost_per_transaction_idr
    from measures
    order by service_id, period_start
)

select * from final
