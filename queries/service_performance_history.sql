-- One service's figures in every period (a month, quarter or year by $period_unit) for the area $regency_code (the
-- province's code for all of it, or a regency code), measured as service_performance_by_period.sql measures them:
-- requests; digital take-up and completion rate as fractions; median processing days, satisfaction (IKM, 25-100)
-- and cost per transaction as means weighted by requests. A figure no month reports stays null, never 0.
-- Parameters: $regency_code, $period_unit ('month', 'quarter' or 'year'), $service_id.
-- Grain: period_start
with measures as (
    select *
    from service_measures_by_period
    where period_unit = $period_unit
        and regency_code = $regency_code and service_id = $service_id
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
    order by period_start
)

select * from final
