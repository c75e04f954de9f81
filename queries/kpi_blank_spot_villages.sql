-- One row per province survey round: the number of villages whose latest province survey by then found no
-- mobile signal at all (a blank spot: the tier none of queries/views/signal_survey_tiers.sql).
-- Parameters: none.
-- Grain: period_end
with rounds as (
    select period_end, signal_tier from province_survey_rounds
),

final as (
    select
        period_end,
        (count(*) filter (where signal_tier = 'none'))::double as value
    from rounds
    group by period_end
    order by period_end
)

select * from final
