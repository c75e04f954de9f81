-- A view, created in the warehouse with its tables, read by queries like a table.
-- One row per signal survey source, in display order: source_order and source. The one list of the sources
-- in SQL (smartisland/contract.py SURVEY_SOURCES validates them on load; a test keeps the two equal).
-- Grain: source
with sources as (
    select * from (values (1, 'province'), (2, 'bakti'), (3, 'operator'), (4, 'crowd')) as sources(source_order, source)
),

final as (
    select * from sources
)

select * from final
