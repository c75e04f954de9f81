-- One row per regency: the percentage of its villages whose latest province survey put them in the tier good
-- (4G or better with a good signal), as of the latest province survey round (period_end), as region_code,
-- name, period_end and value; a regency's villages never surveyed count as not good, as in the province's KPI.
-- Parameters: none.
-- Grain: region_code
with rounds as (
    select period_end, village_code, signal_tier from province_survey_rounds
),

latest_round as (
    select *
    from rounds
    where period_end = (select max(period_end) from rounds)
),

villages as (
    select village_code, regency_code, regency_name
    from village_places
    where regency_code is not null
),

final as (
    select
        villages.regency_code as region_code,
        villages.regency_name as name,
        (select max(period_end) from rounds) as period_end,
        100.0 * count(*) filter (where latest_round.signal_tier = 'good') / count(*) as value
    from villages
    left join latest_round using (village_code)
    group by villages.regency_code, villages.regency_name
    having (select max(period_end) from rounds) is not null
    order by villages.regency_code
)

select * from final
