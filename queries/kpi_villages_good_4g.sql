-- One row per province survey round (the last survey day of each year with province surveys): the
-- percentage of all villages whose latest province survey by then put them in the tier good (4G or better
-- with a good signal; see views/signal_survey_tiers.sql).
-- Parameters: none.
with surveys as (
    select village_code, surveyed_on, signal_tier
    from signal_survey_tiers
    where source = 'province'
),

rounds as (
    select max(surveyed_on) as period_end
    from surveys
    group by year(surveyed_on)
),

latest_per_village as (
    select
        rounds.period_end,
        surveys.village_code,
        arg_max(surveys.signal_tier, surveys.surveyed_on) as signal_tier
    from rounds
    inner join surveys on surveys.surveyed_on <= rounds.period_end
    group by rounds.period_end, surveys.village_code
),

villages as (
    select count(*) as village_count from regions where level = 'village'
),

final as (
    select
        latest_per_village.period_end,
        100.0 * count(*) filter (where signal_tier = 'good')
            / nullif(villages.village_count, 0) as value
    from latest_per_village, villages
    group by latest_per_village.period_end, villages.village_count
    order by latest_per_village.period_end
)

select * from final
