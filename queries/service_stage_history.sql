-- One row per maturity stage (1 to 4) of the service $service_id: the date it reached that stage, null
-- when it has not (yet).
-- Parameters: $service_id.
-- Grain: maturity_stage
with stages_reached as (
    select * from service_stages
    where service_id = $service_id
),

stage_levels as (
    select maturity_stage from maturity_stages
),

final as (
    select
        stage_levels.maturity_stage,
        stages_reached.reached_on
    from stage_levels
    left join stages_reached
        on stages_reached.maturity_stage = stage_levels.maturity_stage
    order by stage_levels.maturity_stage
)

select * from final
