"""The schema as migrated: comments everywhere, a clean downgrade, the column contract."""

from __future__ import annotations

import re

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from loader.schema import SCHEMAS
from loader.schema.columns import COLUMNS
from loader.schema.template import load_template
from loader.schema.views import view_files, view_name, view_object

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")


def _bilingual(comment: str | None) -> bool:
    return bool(comment) and bool(CJK.search(comment)) and bool(LATIN.search(comment))


def test_every_table_and_column_has_a_chinese_and_english_comment(engine):
    with engine.connect() as conn:
        tables = conn.execute(text("""
            SELECT c.oid, n.nspname, c.relname, obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('core', 'audit', 'published') AND c.relkind IN ('r', 'v')
        """)).all()
        assert len(tables) > 25
        bad = [f"{s}.{t}" for _, s, t, c in tables if not _bilingual(c)]
        assert bad == [], f"tables/views without a bilingual comment: {bad}"
        columns = conn.execute(text("""
            SELECT n.nspname, c.relname, a.attname, col_description(c.oid, a.attnum)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('core', 'audit', 'published') AND c.relkind IN ('r', 'v')
              AND a.attnum > 0 AND NOT a.attisdropped
        """)).all()
        bad = [f"{s}.{t}.{a}" for s, t, a, c in columns if not _bilingual(c)]
        assert bad == [], f"columns without a bilingual comment: {bad}"


def test_column_contract_covers_every_template_column():
    template = load_template()
    for table_id, spec in template["tables"].items():
        assert list(COLUMNS[table_id]) == spec["columns"], f"table {table_id}"
        names = [name for name, _ in COLUMNS[table_id].values()]
        assert len(set(names)) == len(names), f"table {table_id}: duplicate sql names"


def test_one_published_view_per_template_table_with_path_comments(engine):
    template = load_template()
    with engine.connect() as conn:
        for table_id, spec in template["tables"].items():
            view = f"t{table_id}_{spec['english']}"
            rows = conn.execute(text("""
                SELECT a.attname, col_description(c.oid, a.attnum)
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'published' AND c.relname = :v AND a.attnum > 0
                ORDER BY a.attnum
            """), {"v": view}).all()
            assert rows, f"missing view published.{view}"
            names = [r[0] for r in rows]
            assert names[:4] == ["unit_code", "fiscal_year", "document_version_id", "row_no"]
            expected = [COLUMNS[table_id][p][0] for p in spec["columns"]]
            assert names[4:] == expected, view
            for (name, comment), path in zip(rows[4:], spec["columns"], strict=False):
                assert comment.startswith(path + " / "), (view, name, comment)


def test_view_files_open_with_a_grain_comment():
    for path in view_files():
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("-- "), path
        assert "Grain" in first or "grain" in first, path
        view_name(path)  # names what it creates


def test_upgrade_downgrade_upgrade_leaves_nothing_behind(make_database, alembic_config):
    url = make_database("bwl_wh_schema")
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    eng = create_engine(url)
    try:
        with eng.connect() as conn:
            left = conn.execute(text(
                "SELECT nspname FROM pg_namespace WHERE nspname = ANY(:s)"), {"s": list(SCHEMAS)}
            ).scalars().all()
            assert left == []
            functions = conn.execute(text(
                "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = 'published'")).scalar()
            assert functions == 0
        command.upgrade(config, "head")
        with eng.connect() as conn:
            views = conn.execute(text(
                "SELECT count(*) FROM pg_views WHERE schemaname = 'published'")).scalar()
            assert views == sum(view_object(p)[0] == "VIEW" for p in view_files())
            seeded = conn.execute(text("SELECT count(*) FROM core.dim_summary_line")).scalar()
            assert seeded > 0
    finally:
        eng.dispose()


@pytest.mark.parametrize("printed, label", [
    ("二十三、灾害防治及应急管理支出", "灾害防治及应急管理支出"),
    ("（一）一般公共预算资金", "一般公共预算资金"),
    ("一、一般公共预算拨款收入", "一般公共预算拨款收入"),
    ("一般公共预算拨款收入", "一般公共预算拨款收入"),
    ("本年收入合计", "本年收入合计"),
    ("收 入 总 计", "收入总计"),
])
def test_summary_labels_normalise_without_eating_words(printed, label):
    from loader.schema.seeds import normalise_label

    assert normalise_label(printed) == label
