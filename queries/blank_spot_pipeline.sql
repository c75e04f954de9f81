-- One row per blank-spot stage, in pipeline order (identified, proposed, planned, built, verified): the
-- region's sites at that stage now, and the sites that have reached it (at that stage or a later one).
-- Parameters: $region_code (province, regency or district code).
-- Grain: stage
with stages as (
    select * from (values (1, 'identified'), (2, 'proposed'), (3, 'planned'), (4, 'built'), (5, 'verified'))
        as stages(stage_order, stage)
),

sites as (
    select sites.site_id, stages.stage_order
    from blank_spot_sites as sites
    inner join stages using (stage)
    where starts_with(sites.village_code, $region_code)
),

final as (
    select
        stages.stage,
        stages.stage_order,
        count(sites.site_id) filter (where sites.stage_order = stages.stage_order) as sites_at_stage,
        count(sites.site_id) as sites_reached
    from stages
    left join sites on sites.stage_order >= stages.stage_order
    group by stages.stage, stages.stage_order
    order by stages.stage_order
)

select * from final
