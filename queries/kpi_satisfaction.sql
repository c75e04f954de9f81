-- One row per month: user satisfaction (IKM, 25-100) averaged over the services reporting it for the whole
-- province (regency_code $province_code), each weighted by its requests, dated at the month's last day
-- (queries/views/service_measures.sql).
-- Parameters: $province_code (the province served; smartisland.db binds it when the caller does not).
-- Grain: period_end
with measures as (
    select period_start, satisfaction_ikm
    from service_totals_by_period
    where period_unit = 'month'
        and regency_code = $province_code and satisfaction_ikm is not null
),

final as (
    select
        last_day(period_start) as period_end,
        satisfaction_ikm as value
    from measures
    order by period_start
)

select * from final
