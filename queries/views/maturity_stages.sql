-- A view, created in the warehouse with its tables, read by queries like a table.
-- One row per maturity stage of a public digital service, 1 (informasi) to 4 (transformasi). The one list
-- of the stages in SQL (smartisland/services/logic.py STAGE_CODES names them for the pages; a test keeps the two
-- equal).
-- Grain: maturity_stage
with stages as (
    select unnest([1, 2, 3, 4]) as maturity_stage
),

final as (
    select * from stages
)

select * from final
