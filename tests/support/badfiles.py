"""Write the bad inputs the loader must refuse, each in its own way (test support).

Every function takes a directory and returns the path it wrote. The files are made the
way such files arise: encryption by reportlab, a scan as an image-only page, unmappable
glyphs by re-labelling a CID font's encoding, truncation by cutting a good file.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from tests.support.pdfgen import FONT  # registering the CID font is a side effect of import

TITLE = "预算01表 收支总表"


def _one_page(path: Path, **kwargs) -> Path:
    c = canvas.Canvas(str(path), pageCompression=0, **kwargs)
    c.setFont(FONT, 12)
    c.drawString(50, 700, TITLE)
    c.drawString(50, 680, "金额单位：万元")
    c.save()
    return path


def empty(d: Path) -> Path:
    p = d / "empty.pdf"
    p.write_bytes(b"")
    return p


def not_a_pdf(d: Path) -> Path:
    p = d / "notes.pdf"  # the extension lies
    p.write_text("预算01表 收支总表\n这是一个文本文件。\n", encoding="utf-8")
    return p


def truncated(d: Path, good: Path) -> Path:
    data = good.read_bytes()
    p = d / "truncated.pdf"
    p.write_bytes(data[: len(data) // 2])
    return p


def corrupt(d: Path, good: Path) -> Path:
    """Header and trailer intact, the body between them overwritten."""
    data = good.read_bytes()
    p = d / "corrupt.pdf"
    p.write_bytes(data[:64] + b"\x00garbage" * 400 + data[-200:])
    return p


def encrypted(d: Path) -> Path:
    return _one_page(d / "encrypted.pdf", encrypt=StandardEncryption("user-secret", "owner-secret"))


def scanned(d: Path) -> Path:
    from PIL import Image

    p = d / "scanned.pdf"
    c = canvas.Canvas(str(p))
    c.drawInlineImage(Image.new("L", (400, 300), 230), 50, 400, 400, 300)
    c.save()
    return p


def cid_garbage(d: Path) -> Path:
    """Text whose font maps codes to glyphs but not to Unicode: extractors print (cid:N)."""
    p = _one_page(d / "cid.pdf")
    data = p.read_bytes()
    # Same byte length, so the cross-reference offsets stay valid.
    data = data.replace(b"/UniGB-UCS2-H", b"/Identity-H  ").replace(b"(GB1)", b"(XX1)")
    p.write_bytes(data)
    return p


def text_not_budget(d: Path) -> Path:
    p = d / "letter.txt"
    p.write_text("尊敬的用户：\n\n您好！这是一封普通的信件，不是预算公开文件。\n", encoding="utf-8")
    return p
