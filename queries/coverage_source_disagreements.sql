-- One row per village of the region where the sources that surveyed it put it in different signal tiers
-- by their latest surveys: each source's tier (missing when that source never surveyed the village), how
-- many sources surveyed it, and the worst and best of their tiers.
-- Parameters: $region_code (province, regency or district code).
-- Grain: village_code
with village_tiers as (
    select source, village_code, signal_tier
    from latest_surveys(null)
    where starts_with(village_code, $region_code)
),

tiers as (
    select * from signal_tiers
),

places as (
    select * from village_places
),

ranked as (
    select
        village_tiers.*,
        tiers.tier_order as tier_rank
    from village_tiers
    inner join tiers using (signal_tier)
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
        places.village_name,
        places.district_name,
        places.regency_name,
        compared.province_tier,
        compared.bakti_tier,
        compared.operator_tier,
        compared.crowd_tier,
        compared.sources_surveyed,
        compared.worst_tier,
        compared.best_tier
    from compared
    left join places using (village_code)
    order by compared.village_code
)

select * from final
