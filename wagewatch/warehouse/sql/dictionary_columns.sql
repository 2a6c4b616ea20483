-- Every column of the tables of database $database, in table and column order.
select table_name, column_name, data_type
from duckdb_columns()
where database_name = $database and not internal
order by table_name, column_index
