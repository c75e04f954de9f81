-- One row per indicator of an SPBE framework: its number, name, domain, aspect, weight (percent) and kind
-- (process or service), with how many indicators its framework has.
-- Parameters: none.
-- Grain: framework_id, indicator_no
with indicators as (
    select * from spbe_indicators
),

final as (
    select
        framework_id,
        indicator_no,
        name,
        domain_no,
        domain,
        aspect_no,
        aspect,
        weight,
        indicator_kind,
        count(*) over (partition by framework_id) as framework_indicator_count
    from indicators
    order by framework_id, indicator_no
)

select * from final
