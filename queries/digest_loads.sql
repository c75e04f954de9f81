-- One row per load of the warehouse since the team's last digest (before any digest: the latest load), its
-- datasets and files together: what the digest reports as the last loads.
-- Parameters: none.
-- Grain: load_id
with last_digest as (
    select max(created_at) as created_at from digest_outbox
),

loads as (
    select
        load_id,
        arg_min(action, dataset) as action,
        arg_min(loaded_by, dataset) as loaded_by,
        min(loaded_at) as loaded_at,
        string_agg(dataset, ', ' order by dataset) as datasets,
        string_agg(file_name, ', ' order by dataset) as file_names,
        sum(rows) as row_count
    from load_log
    group by load_id
),

final as (
    select loads.*
    from loads, last_digest
    where
        loads.loaded_at > last_digest.created_at
        or (last_digest.created_at is null and loads.load_id = (select max(load_id) from load_log))
    order by loads.load_id
)

select * from final
