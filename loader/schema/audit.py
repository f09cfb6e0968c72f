"""``audit``: load runs, documents, their versions, and findings.

A document is (unit, fiscal year, kind); each distinct content loaded for it is a version.
Exactly one version per document is ``current`` (a partial unique index enforces it); older
ones stay as ``superseded`` so a re-publication never erases history. Facts in ``core``
belong to the current version only.

Two fingerprints (revision 0002): ``sha256`` of the file's bytes, and ``content_sha256`` of
what was parsed from it (``loader.batch.fingerprint``). A file whose bytes differ from every
loaded version but whose content equals one (the PDF of a text export already loaded) is
``same_content`` in ``load_result``: no new version. ``load_result`` is also what lets a
nightly run skip, before parsing, a file it has seen: loaded, same content, or rejected by
the same ``loader_version`` (``still_rejected``). See docs/loading.md.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    Numeric,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from loader.schema._build import col, comment

OUTCOMES = ("loaded", "unchanged", "same_content", "skipped", "still_rejected", "failed")
OUTCOME_CHECK = "outcome IN (" + ",".join(f"'{o}'" for o in OUTCOMES) + ")"


def define(metadata: MetaData) -> None:
    Table(
        "load_run", metadata,
        col("load_run_id", BigInteger, "加载批次编号", "load run id", Identity(), primary_key=True),
        col("started_at", DateTime(timezone=True), "开始时间", "started at",
            nullable=False, server_default=func.now()),
        col("finished_at", DateTime(timezone=True), "结束时间", "finished at (NULL while running)"),
        col("command", Text, "命令行", "command line that started the run", nullable=False),
        col("status", Text, "状态", "running | succeeded | failed (some document failed)",
            nullable=False, server_default=text("'running'")),
        col("loader_version", Text, "加载程序版本",
            "loader version and code fingerprint (loader.batch.version); NULL before revision 0002"),
        col("summary", JSONB, "汇总", "counts per outcome, files, elapsed seconds (the --json summary)",
            nullable=False, server_default=text("'{}'::jsonb")),
        schema="audit",
        comment=comment("加载批次：每次执行 load 命令一条", "load runs: one per `budget-loader load`"),
    )
    Table(
        "load_result", metadata,
        col("load_result_id", BigInteger, "结果编号", "result id", Identity(), primary_key=True),
        col("load_run_id", BigInteger, "加载批次编号", "load run",
            ForeignKey("audit.load_run.load_run_id", ondelete="CASCADE"), nullable=False),
        col("file_name", Text, "文件名", "file as given on the command line", nullable=False),
        col("sha256", Text, "文件摘要", "sha256 of the file (NULL if unreadable)"),
        col("outcome", Text, "结果",
            "loaded | unchanged | same_content | skipped | still_rejected | failed", nullable=False),
        col("document_version_id", BigInteger, "文件版本编号", "version written or found",
            ForeignKey("audit.document_version.document_version_id", ondelete="SET NULL")),
        col("message", Text, "说明", "one-line outcome, the error for failures", nullable=False),
        col("finished_at", DateTime(timezone=True), "完成时间", "finished at",
            nullable=False, server_default=func.now()),
        col("content_sha256", Text, "内容摘要", "fingerprint of the parsed content (NULL if not parsed)"),
        col("error_kind", Text, "错误类型",
            "for failures: input | parse | load (a rejection) | internal (retried next run)"),
        CheckConstraint(OUTCOME_CHECK, name="outcome"),
        Index("ix_load_result_sha256", "sha256"),
        schema="audit",
        comment=comment("每个文件的加载结果", "per-file outcome of a load run"),
    )
    Table(
        "document", metadata,
        col("document_id", BigInteger, "文件编号", "document id", Identity(), primary_key=True),
        col("unit_code", Text, "单位代码", "unit (or department) code", nullable=False),
        col("fiscal_year", Integer, "预算年度", "fiscal year", nullable=False),
        col("kind", Text, "文件类型", "单位预算 (unit budget) | 部门预算 (department budget)", nullable=False),
        col("first_loaded_at", DateTime(timezone=True), "首次加载时间", "first loaded at",
            nullable=False, server_default=func.now()),
        UniqueConstraint("unit_code", "fiscal_year", "kind", name="uq_document_identity"),
        schema="audit",
        comment=comment("预算公开文件：单位×年度×类型", "a published budget document: unit × year × kind"),
    )
    Table(
        "document_version", metadata,
        col("document_version_id", BigInteger, "文件版本编号", "document version id",
            Identity(), primary_key=True),
        col("document_id", BigInteger, "文件编号", "document",
            ForeignKey("audit.document.document_id"), nullable=False),
        col("sha256", Text, "文件摘要", "sha256 of the loaded file's bytes", nullable=False),
        col("file_name", Text, "文件名", "file name as loaded", nullable=False),
        col("template", Text, "模板", "template id that matched, e.g. beijing", nullable=False),
        col("unit_name", Text, "单位名称", "unit name as printed", nullable=False),
        col("department_code", Text, "部门代码", "department code", nullable=False),
        col("inferred", JSONB, "推断说明", "how identity fields were inferred and whether certain",
            nullable=False, server_default=text("'{}'::jsonb")),
        col("printed_tables", JSONB, "表头印刷",
            "table id -> {title, unit} exactly as the document printed them, for reprinting",
            nullable=False, server_default=text("'{}'::jsonb")),
        col("status", Text, "状态", "current | superseded", nullable=False),
        col("loaded_at", DateTime(timezone=True), "加载时间", "loaded at",
            nullable=False, server_default=func.now()),
        col("superseded_at", DateTime(timezone=True), "被替代时间", "when a newer version replaced it"),
        col("superseded_by", BigInteger, "替代版本", "version that replaced it",
            ForeignKey("audit.document_version.document_version_id")),
        col("load_run_id", BigInteger, "加载批次编号", "load run that wrote it",
            ForeignKey("audit.load_run.load_run_id")),
        col("row_counts", JSONB, "事实行数", "fact rows written per core table",
            nullable=False, server_default=text("'{}'::jsonb")),
        col("content_sha256", Text, "内容摘要",
            "fingerprint of the parsed content (NULL for versions loaded before revision 0002)"),
        Index("ix_document_version_sha256", "sha256"),
        Index("ix_document_version_content_sha256", "content_sha256"),
        UniqueConstraint("document_id", "sha256", name="uq_document_version_content"),
        CheckConstraint("status IN ('current','superseded')", name="status"),
        Index("uq_document_one_current", "document_id", unique=True,
              postgresql_where=text("status = 'current'")),
        schema="audit",
        comment=comment("文件版本：每个不同内容一版；旧版保留为已替代",
                        "document versions: one per distinct content; older ones kept as superseded"),
    )
    Table(
        "finding", metadata,
        col("finding_id", BigInteger, "发现编号", "finding id", Identity(), primary_key=True),
        col("document_version_id", BigInteger, "文件版本编号", "document version",
            ForeignKey("audit.document_version.document_version_id", ondelete="CASCADE"),
            nullable=False),
        col("origin", Text, "来源", "parse (records) | check (sql/checks) | load (loader)",
            nullable=False),
        col("rule", Text, "规则", "stable rule id (docs/rules.md), e.g. x01_02.income",
            nullable=False),
        col("severity", Text, "严重程度", "error | warning | info", nullable=False),
        col("unit_code", Text, "单位代码", "unit code", nullable=False),
        col("fiscal_year", Integer, "预算年度", "fiscal year", nullable=False),
        col("table_id", Text, "表号", "published table 01…13, if one"),
        col("row_no", Integer, "行号", "row index in the published table, if one"),
        col("column_path", Text, "列路径", "published column path, if one"),
        col("message", Text, "说明", "one readable line", nullable=False),
        col("expected", Text, "应为", "expected value as printed, if any"),
        col("found", Text, "实为", "found value as printed, if any"),
        col("figures", JSONB, "相关数字", "cells or figures involved",
            nullable=False, server_default=text("'[]'::jsonb")),
        col("difference", Numeric, "差额", "exact difference, when the rule compares amounts"),
        col("created_at", DateTime(timezone=True), "记录时间", "recorded at",
            nullable=False, server_default=func.now()),
        CheckConstraint("severity IN ('error','warning','info')", name="severity"),
        CheckConstraint("origin IN ('parse','check','load')", name="origin"),
        schema="audit",
        comment=comment("发现：恒等式不成立、文件错误、推断", "findings: failed identities, document mistakes, inferences"),
    )
