-- One row per regency: the change in its public Wi-Fi points in service over the last twelve month ends of the
-- data (the window the scorecard's trend uses for a monthly KPI: from the month end eleven months before the
-- latest, period_end, to it), as region_code, name, period_end and value. The KPI's target is a total for the
-- province, so a regency is held to not losing points (the catalogue's regional_target 0), and this names
-- where points were lost. Read from the summary by district and month
-- (queries/summaries/wifi_in_service_by_district.sql).
-- Parameters: none.
-- Grain: region_code
with as_of as (
    select
        max(month_end) as period_end,
        last_day(max(month_end) - interval 11 month) as window_start
    from wifi_month_ends
),

regencies as (
    select region_code, name
    from regions
    where level = 'regency'
),

districts as (
    select region_code as district_code, parent_code as regency_code
    from regions
    where level = 'district'
),

in_service as (
    select
        districts.regency_code,
        sum(summary.points_in_service) filter (where summary.month_end = as_of.period_end) as points_now,
        sum(summary.points_in_service) filter (where summary.month_end = as_of.window_start) as points_before
    from wifi_in_service_by_district as summary
    inner join districts using (district_code)
    cross join as_of
    group by districts.regency_code
),

final as (
    select
        regencies.region_code,
        regencies.name,
        as_of.period_end,
        (coalesce(in_service.points_now, 0) - coalesce(in_service.points_before, 0))::double as value
    from regencies
    cross join as_of
    left join in_service on in_service.regency_code = regencies.region_code
    where as_of.period_end is not null
    order by regencies.region_code
)

select * from final
