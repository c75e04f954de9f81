-- One row per public service in the catalog: its names, agency, current maturity stage (1 informasi,
-- 2 interaksi, 3 transaksi, 4 transformasi) and the date it reached that stage (null when service_stages does
-- not say), whether it is integrated in the single portal and sign-on, its launch, and whether the article
-- names it. The article's services come first, then by agency and service_id.
-- Parameters: none.
-- Grain: service_id
with catalog as (
    select * from services
),

stages_reached as (
    select * from service_stages
),

final as (
    select
        catalog.service_id,
        catalog.name_id,
        catalog.name_en,
        catalog.agency,
        catalog.maturity_stage,
        stages_reached.reached_on as stage_reached_on,
        catalog.is_integrated,
        catalog.launched_on,
        catalog.is_in_article
    from catalog
    left join stages_reached
        on stages_reached.service_id = catalog.service_id
        and stages_reached.maturity_stage = catalog.maturity_stage
    order by catalog.is_in_article desc, catalog.agency, catalog.service_id
)

select * from final
