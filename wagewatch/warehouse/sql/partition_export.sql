-- A table's rows, by the partition of their project (partition_map); a row of no registered project
-- goes to the remainder. One folder per partition (partition_key=...), the key itself not written.
copy (
    select rows.*, coalesce(partitions.partition_key, '{remainder}') as partition_key
    from {table} as rows
    left join partition_map as partitions on rows.project_id = partitions.project_id
) to {folder} (format parquet, partition_by (partition_key))
