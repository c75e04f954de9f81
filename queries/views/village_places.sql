-- A view, created in the warehouse with its tables, read by queries like a table.
-- One row per village (desa or kelurahan) of the regions reference: its name, type, population and position,
-- and the code and name of its district and regency (missing when the reference lacks them). The one place
-- where a village is put in its district and regency.
-- Grain: village_code
with villages as (
    select * from regions
    where level = 'village'
),

districts as (
    select * from regions
    where level = 'district'
),

regencies as (
    select * from regions
    where level = 'regency'
),

final as (
    select
        villages.region_code as village_code,
        villages.name as village_name,
        villages.village_type,
        villages.population,
        villages.lat,
        villages.lon,
        districts.region_code as district_code,
        districts.name as district_name,
        regencies.region_code as regency_code,
        regencies.name as regency_name
    from villages
    left join districts on districts.region_code = villages.parent_code
    left join regencies on regencies.region_code = districts.parent_code
)

select * from final
