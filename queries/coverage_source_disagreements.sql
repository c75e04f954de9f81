-- One row per village of the region where the sources that surveyed it put it in different signal tiers
-- by their latest surveys: each source's tier (missing when that source never surveyed the village), how
-- many sources surveyed it, and the worst and best of their tiers.
-- Parameters: $region_code (province, regency or district code).
with latest_survey as (
    select
        source,
        village_code,
        arg_max(best_technology, surveyed_on) as best_technology,
        arg_max(signal_quality, surveyed_on) as signal_quality,
        arg_max(signal_tier, surveyed_on) as signal_tier
    from signal_survey_tiers
    where starts_with(village_code, $region_code)
    group by source, village_code
),

village_tiers as (
    select source, village_code, signal_tier from latest_survey
),

ranked as (
    select
        *,
        case signal_tier when 'none' then 1 when 'weak' then 2 when 'no_4g' then 3 else 4 end as tier_rank
    from village_tiers
),

compared as (
    select
        village_code,
        any_value(signal_tier) filter (where source = 'province') as province_tier,
        any_value(signal_tier) filter (where source = 'bakti') as bakti_tier,
        any_value(signal_tier) filter (where source = 'operator') as operator_tier,
        any_value(signal_tier) filter (where source = 'crowd') as crowd_tier,
        count(*) as sources_surveyed,
        arg_min(signal_tier, tier_rank) as worst_tier,
        arg_max(signal_tier, tier_rank) as best_tier
    from ranked
    group by village_code
    having count(distinct signal_tier) > 1
),

final as (
    select
        compared.village_code,
        villages.name as village_name,
        districts.name as district_name,
        regencies.name as regency_name,
        compared.province_tier,
        compared.bakti_tier,
        compared.operator_tier,
        compared.crowd_tier,
        compared.sources_surveyed,
        compared.worst_tier,
        compared.best_tier
    from compared
    left join regions as villages on villages.region_code = compared.village_code
    left join regions as districts on districts.region_code = left(compared.village_code, 8)
    left join regions as regencies on regencies.region_code = left(compared.village_code, 5)
    order by compared.village_code
)

select * from final
