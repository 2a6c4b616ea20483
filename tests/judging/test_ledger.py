"""The owed-wage ledger: what each worker is still owed, carried from month to month, and per
project what workers are owed and paid ahead, and how many are owed; it reconciles with the judged
months. One worker's overpaid month offsets their own short months, never another worker's."""

from datetime import date
from decimal import Decimal

AS_OF = date(2026, 11, 1)  # August and September are judged; October is pending


def _scene(inbox):
    inbox.project().worker("张三").worker("李四").worker("王五")
    for period in ("2026-08", "2026-09", "2026-10"):
        for name in ("张三", "李四", "王五"):
            inbox.worked(name, period, "22")
    return inbox


def _ledger(result, name):
    return result.query(
        "select period, expected_amount, paid_amount, net_shortfall_amount, net_owed_amount "
        "from worker_ledger where worker_name = ? order by period",
        [name],
    )


def test_shortfall_is_carried_and_a_late_payment_for_an_earlier_month_reduces_it(inbox, run):
    inbox = _scene(inbox)
    inbox.paid("张三", "3000", "2026-09-10", period="2026-08")
    inbox.paid("张三", "5000", "2026-10-10", period="2026-09")
    inbox.paid("张三", "1500", "2026-10-20", period="2026-08")  # late, for August
    result = run(inbox, AS_OF)
    d = Decimal
    assert _ledger(result, "张三") == [
        ("2026-08", d("5000.00"), d("4500.00"), d("500.00"), d("500.00")),
        ("2026-09", d("5000.00"), d("5000.00"), d("0.00"), d("500.00")),
    ]
    assert result.query(
        "select owed_amount, paid_ahead_amount, net_owed_amount, months_short, first_short_period "
        "from worker_arrears where worker_name = '张三'"
    ) == [(d("500.00"), d("0.00"), d("500.00"), 1, "2026-08")]


def test_money_paid_ahead_is_carried_into_the_next_month(inbox, run):
    inbox = _scene(inbox)
    inbox.paid("李四", "6000", "2026-09-10", period="2026-08")
    inbox.paid("李四", "4000", "2026-10-10", period="2026-09")
    result = run(inbox, AS_OF)
    assert [row[-1] for row in _ledger(result, "李四")] == [Decimal("-1000.00"), Decimal("0.00")]
    assert result.query(
        "select owed_amount, paid_ahead_amount from worker_arrears where worker_name = '李四'"
    ) == [(Decimal("0.00"), Decimal("0.00"))]


def test_a_worker_paid_ahead_is_not_owed_and_offsets_no_other_workers_shortfall(inbox, run):
    inbox = _scene(inbox)
    inbox.paid("张三", "6000", "2026-09-10", period="2026-08")  # 1,000 more than August expected
    inbox.paid("张三", "5000", "2026-10-10", period="2026-09")
    inbox.paid("李四", "4000", "2026-09-10", period="2026-08")  # 1,000 short
    inbox.paid("李四", "5000", "2026-10-10", period="2026-09")
    inbox.paid("王五", "5000", "2026-09-10", period="2026-08").paid(
        "王五", "5000", "2026-10-10", period="2026-09"
    )
    result = run(inbox, AS_OF)
    d = Decimal
    assert result.query(
        "select shortfall_amount, overpaid_amount from project_periods where period = '2026-08'"
    ) == [(d("1000.00"), d("1000.00"))]
    assert result.query(
        "select owed_amount, paid_ahead_amount, net_owed_amount, workers_owed from project_arrears"
    ) == [(d("1000.00"), d("1000.00"), d("0.00"), 1)]


def test_project_arrears_reconcile_with_the_judged_months(inbox, run):
    inbox = _scene(inbox)
    inbox.paid("张三", "3000", "2026-09-10", period="2026-08").paid(
        "李四", "6000", "2026-09-10", period="2026-08"
    )
    inbox.paid("李四", "5000", "2026-10-10", period="2026-09").paid(
        "王五", "5000", "2026-10-10", period="2026-09"
    )
    result = run(inbox, AS_OF)
    ((net, owed, ahead, workers),) = result.query(
        "select net_owed_amount, owed_amount, paid_ahead_amount, workers_owed from project_arrears"
    )
    ((expected, paid),) = result.query(
        "select sum(expected_amount), sum(paid_amount) from worker_periods "
        "where is_judged and expected_amount is not null"
    )
    assert net == expected - paid == Decimal("11000.00")  # 30,000 expected, 19,000 paid
    assert owed - ahead == net
    # 张三 is owed 7,000 and 王五 5,000; 李四 was paid 1,000 ahead
    assert (owed, ahead, workers) == (Decimal("12000.00"), Decimal("1000.00"), 2)


def test_generated_inbox_ledger_reconciles_for_every_project(sample_run):
    rows = sample_run.query("""
        select arrears.project_id, arrears.net_owed_amount, months.expected - months.paid,
               arrears.owed_amount - arrears.paid_ahead_amount, workers.owed
        from project_arrears as arrears
        left join (select project_id, sum(expected_amount) as expected, sum(paid_amount) as paid
                   from worker_periods where is_judged and expected_amount is not null
                   group by project_id) as months using (project_id)
        left join (select project_id, sum(net_owed_amount) as owed from worker_arrears group by project_id)
            as workers using (project_id)
    """)
    assert rows
    for project_id, arrears, from_months, from_split, from_workers in rows:
        assert arrears == (from_months or 0) == from_split == (from_workers or 0), project_id


def test_analysts_views_answer_their_questions_on_the_sample(sample_run):
    (shortfall,) = sample_run.query("select sum(shortfall_amount) from project_periods")[0]
    assert sample_run.query("select sum(shortfall_amount) from arrears_by_region_month") == [(shortfall,)]
    ranked = sample_run.query("select owed_rank, owed_amount from contractor_arrears order by 1")
    assert [amount for _, amount in ranked] == sorted((amount for _, amount in ranked), reverse=True)
    for _, red_months, first, last in sample_run.query(
        "select project_id, red_months, first_red_period, last_red_period from repeat_offenders"
    ):
        assert red_months >= 2 and first < last
