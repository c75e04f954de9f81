-- A view, created in the warehouse with its tables, read by queries like a table.
-- One row per signal tier of queries/views/signal_survey_tiers.sql, worst first: tier_order (1 = none) and
-- signal_tier. The one list of the tiers and their order in SQL (smartisland/connectivity/logic.py SIGNAL_TIERS
-- lists them for the pages; a test keeps the two equal).
-- Grain: signal_tier
with tiers as (
    select * from (values (1, 'none'), (2, 'weak'), (3, 'no_4g'), (4, 'good')) as tiers(tier_order, signal_tier)
),

final as (
    select * from tiers
)

select * from final
