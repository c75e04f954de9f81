-- One row per regency: its villages whose latest province survey found no mobile signal, as of the latest
-- province survey (period_end), as region_code, name, period_end and value.
-- Parameters: none.
-- Grain: region_code
with regencies as (
    select region_code, name
    from regions
    where level = 'regency'
),

rounds as (
    select period_end, village_code, signal_tier from province_survey_rounds
),

latest_round as (
    select *
    from rounds
    where period_end = (select max(period_end) from rounds)
),

village_tiers as (
    select places.regency_code, latest_round.signal_tier
    from latest_round
    inner join village_places as places using (village_code)
),

final as (
    select
        regencies.region_code,
        regencies.name,
        (select max(period_end) from rounds) as period_end,
        (count(village_tiers.signal_tier) filter (where village_tiers.signal_tier = 'none'))::double as value
    from regencies
    left join village_tiers on village_tiers.regency_code = regencies.region_code
    group by regencies.region_code, regencies.name
    order by regencies.region_code
)

select * from final
