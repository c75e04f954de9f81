-- One row per assessed indicator: an entity's (the province or a regency) level on one indicator of a
-- framework in a year, with the indicator's name, domain, aspect, weight and kind, the owner agency and the
-- entity's name. evidence_status is internal: it is null unless $include_internal is true.
-- Parameters: $include_internal (boolean).
-- Grain: year, entity_code, framework_id, indicator_no
with assessments as (
    select * from spbe_assessments
),

indicators as (
    select * from spbe_indicators
),

regions as (
    select * from regions
),

final as (
    select
        assessments.year,
        assessments.entity_code,
        regions.name as entity_name,
        regions.level as entity_level,
        assessments.framework_id,
        assessments.indicator_no,
        indicators.name as indicator_name,
        indicators.domain_no,
        indicators.domain,
        indicators.aspect_no,
        indicators.aspect,
        indicators.weight,
        indicators.indicator_kind,
        assessments.level,
        assessments.owner_agency,
        case when $include_internal then assessments.evidence_status end as evidence_status
    from assessments
    inner join indicators using (framework_id, indicator_no)
    left join regions on regions.region_code = assessments.entity_code
    order by assessments.year, assessments.entity_code, assessments.framework_id, assessments.indicator_no
)

select * from final
