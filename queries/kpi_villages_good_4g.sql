-- One row per province survey round: the percentage of all villages whose latest province survey by then put
-- them in the tier good (4G or better with a good signal; see queries/views/signal_survey_tiers.sql).
-- Parameters: none.
-- Grain: period_end
with rounds as (
    select period_end, signal_tier from province_survey_rounds
),

villages as (
    select count(*) as village_count from village_places
),

final as (
    select
        rounds.period_end,
        100.0 * count(*) filter (where rounds.signal_tier = 'good') / nullif(villages.village_count, 0) as value
    from rounds, villages
    group by rounds.period_end, villages.village_count
    order by rounds.period_end
)

select * from final
