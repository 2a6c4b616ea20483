-- The intake's own tables in the private store, made once and kept from night to night: the rows
-- of files that could not be split into fields, and the log of every file ever seen (by SHA-256).
create table if not exists raw_bad_rows (
    file_seq integer,
    source_file varchar,
    row_number bigint,
    text varchar,
    reason varchar
);

create table if not exists ingest_log (
    file_seq integer primary key,
    source_file varchar,
    kind varchar,
    sha256 varchar,
    rows_read bigint,
    rows_non_data bigint,
    rows bigint,
    status varchar,
    reason varchar,
    encoding varchar,
    delimiter varchar,
    ingested_at timestamp
);

-- added after the first release: stores made before it gain the column here
alter table ingest_log add column if not exists unterminated_row_number bigint;
-- bank profiles (docs/bank-profiles.md): the profile a bank file matched, where its payer account
-- came from (column, title, file_name), and each bank row's amount unit (yuan, fen)
alter table ingest_log add column if not exists profile varchar;
alter table ingest_log add column if not exists payer_source varchar;
alter table raw_bank add column if not exists amount_unit varchar;
-- the reason in Chinese too, for the reports in Chinese
alter table ingest_log add column if not exists reason_zh varchar;
-- wage deposits (docs/contract.md section 1.3): the register's contract amount (合同金额)
alter table raw_projects add column if not exists contract_amount varchar;
-- a register's amounts in 万元 (docs/contract.md section 1.2): 'wan' when its header's note says so
alter table raw_projects add column if not exists contract_amount_unit varchar;
alter table raw_deposits add column if not exists deposit_amount_unit varchar;
alter table raw_complaints add column if not exists claimed_amount_unit varchar;
