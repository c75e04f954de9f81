-- One row per regency: its villages whose latest province survey found no mobile signal, as of the latest
-- province survey (period_end), as region_code, name, period_end and value.
-- Parameters: none.
with surveys as (
    select village_code, surveyed_on, signal_tier
    from signal_survey_tiers
    where source = 'province'
),

latest_per_village as (
    select
        village_code,
        arg_max(signal_tier, surveyed_on) as signal_tier
    from surveys
    group by village_code
),

villages as (
    select
        villages.region_code as village_code,
        districts.parent_code as regency_code
    from regions as villages
    inner join regions as districts on districts.region_code = villages.parent_code
    where villages.level = 'village'
),

final as (
    select
        regencies.region_code,
        regencies.name,
        (select max(surveyed_on) from surveys) as period_end,
        (count(latest_per_village.village_code) filter (where latest_per_village.signal_tier = 'none'))::double
            as value
    from regions as regencies
    left join villages on villages.regency_code = regencies.region_code
    left join latest_per_village on latest_per_village.village_code = villages.village_code
    where regencies.level = 'regency'
    group by regencies.region_code, regencies.name
    order by regencies.region_code
)

select * from final
