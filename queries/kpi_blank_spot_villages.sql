-- One row per province survey round (the last survey day of each year with province surveys): the number
-- of villages whose latest province survey by then found no mobile signal at all (a blank spot).
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

final as (
    select
        period_end,
        (count(*) filter (where signal_tier = 'none'))::double as value
    from latest_per_village
    group by period_end
    order by period_end
)

select * from final
