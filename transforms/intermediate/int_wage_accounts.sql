-- Each wage account that exactly one project's register gives as its own: the account a payer account
-- or a statement's account attributes a row to. An account two projects give attributes to neither.
-- partitions: before; an account is one project's only when no project of any region also gives it
select wage_account, any_value(project_id) as project_id
from int_projects
group by wage_account
having count(*) = 1
