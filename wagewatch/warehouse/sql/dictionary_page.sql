-- Every column of the published file with its type and its comment (the data dictionary's words).
select table_name, column_name, data_type, comment
from duckdb_columns()
where not internal
order by table_name, column_index
