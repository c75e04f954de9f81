-- One row per month and maturity stage (1 to 4): how many services stood at that stage at the end of the
-- month, a service standing at the highest stage it had reached by then. Months run from the first stage
-- reached to the latest month with a stage reached or a monthly figure; a stage no service stood at counts 0.
-- Read from the summary table service_stages_by_month (queries/summaries/), refreshed with every load, so that
-- a page run reads one row per month and stage whatever the number of services.
-- Parameters: none.
-- Grain: month, maturity_stage
with counts as (
    select month, maturity_stage, service_count
    from service_stages_by_month
),

final as (
    select
        month,
        maturity_stage,
        service_count
    from counts
    order by month, maturity_stage
)

select * from final
