-- One row per service and period (a month, quarter or year by $period_unit) with figures for the area
-- $regency_code (the province's code for all of it, or a regency code): requests; digital take-up (online / all requests)
-- and completion rate (completed / all requests) as fractions; median processing days, satisfaction (IKM,
-- 25-100) and cost per transaction as means weighted by requests (queries/views/service_measures.sql). Each ratio or
-- mean uses only the months that report both the figure and requests_total; when no month reports requests,
-- a mean is the plain mean of the months that report the figure. A figure no month reports stays null, never 0.
-- months_with_rows counts the months of the period that hold a row for the service.
-- Parameters: $regency_code, $period_unit ('month', 'quarter' or 'year').
-- Grain: service_id, period_start
with measures as (
    select *
    from service_measures_by_period
    where period_unit = $period_unit
        and regency_code = $regency_code and service_id is not null
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
