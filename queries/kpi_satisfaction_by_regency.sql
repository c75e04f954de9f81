-- One row per regency with satisfaction reports in the latest month of regency data: user satisfaction (IKM,
-- 25-100) averaged over the services reporting it there, each weighted by its requests
-- (queries/views/service_measures.sql), as region_code, name, period_end and value.
-- Parameters: $province_code (the province served; smartisland.db binds it when the caller does not).
-- Grain: region_code
with measures as (
    select period_start, regency_code, satisfaction_ikm
    from service_totals_by_period
    where period_unit = 'month'
        and regency_code <> $province_code and satisfaction_ikm is not null
),

regencies as (
    select region_code, name from regions
),

latest as (
    select *
    from measures
    where period_start = (select max(period_start) from measures)
),

final as (
    select
        regencies.region_code,
        regencies.name,
        last_day(latest.period_start) as period_end,
        latest.satisfaction_ikm as value
    from latest
    inner join regencies on regencies.region_code = latest.regency_code
    order by regencies.region_code
)

select * from final
