-- A view, created in the warehouse with its tables, read by queries like a table.
-- One row per signal survey, with the village's signal tier by that survey: none (no signal), weak (a weak
-- signal), no_4g (a good signal but only 2G/3G), good (4G or better with a good signal). The tiers are
-- defined here once for every query that counts them.
-- Grain: village_code, surveyed_on, source
with surveys as (
    select * from signal_surveys
),

final as (
    select
        *,
        case
            when signal_quality = 'none' or best_technology = 'none' then 'none'
            when signal_quality = 'weak' then 'weak'
            when best_technology in ('2g', '3g') then 'no_4g'
            else 'good'
        end as signal_tier
    from surveys
)

select * from final
