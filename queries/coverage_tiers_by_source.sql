-- One row per survey source and signal tier (none, weak, no_4g, good, not_surveyed): how many villages of
-- the region that source puts in that tier by its latest survey of each village, and the date of the
-- source's latest survey there. Every source and tier appears, with zero when no village is in it.
-- Parameters: $region_code (province, regency or district code).
-- Grain: source, signal_tier
with villages as (
    select village_code
    from village_places
    where starts_with(village_code, $region_code)
),

sources as (
    select * from survey_sources
),

tiers as (
    -- A village the source never surveyed is counted after the tiers, as not_surveyed.
    select tier_order, signal_tier from signal_tiers
    union all
    select max(tier_order) + 1, 'not_surveyed' from signal_tiers
),

latest_survey as (
    select *
    from latest_surveys(null)
    where starts_with(village_code, $region_code)
),

village_tiers as (
    select
        sources.source,
        villages.village_code,
        latest_survey.surveyed_on,
        coalesce(latest_survey.signal_tier, 'not_surveyed') as signal_tier
    from sources
    cross join villages
    left join latest_survey
        on latest_survey.source = sources.source and latest_survey.village_code = villages.village_code
),

final as (
    select
        sources.source,
        tiers.signal_tier,
        count(village_tiers.village_code) as villages,
        max(max(village_tiers.surveyed_on)) over (partition by sources.source) as latest_surveyed_on
    from sources
    cross join tiers
    left join village_tiers
        on village_tiers.source = sources.source and village_tiers.signal_tier = tiers.signal_tier
    group by sources.source_order, sources.source, tiers.tier_order, tiers.signal_tier
    order by sources.source_order, tiers.tier_order
)

select * from final
