-- One row per month: the share (%) of requests made online, over the services reporting both requests and
-- online requests for the whole province (regency_code $province_code), dated at the month's last day
-- (queries/views/service_measures.sql).
-- Parameters: $province_code (the province served; smartisland.db binds it when the caller does not).
-- Grain: period_end
with measures as (
    select period_start, digital_take_up
    from service_totals_by_period
    where period_unit = 'month'
        and regency_code = $province_code and digital_take_up is not null
),

final as (
    select
        last_day(period_start) as period_end,
        100.0 * digital_take_up as value
    from measures
    order by period_start
)

select * from final
