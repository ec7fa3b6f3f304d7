#!/usr/bin/env python3
"""Writes the hostile inputs of scripts/memory-bounds.sh into a folder:

- paren.txt: 20 MB of 「（ (each an opener that never closes: one finding per character
  before findings were capped);
- numbered.docx: a Word file of many paragraphs numbered by Word's automatic numbering,
  each a level-1 heading whose number repeats (一、 in every list), a few hundred KB
  compressed.

Usage: scripts/hostile-inputs.py FOLDER [PARAGRAPHS]
"""
import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paren(path: Path, size: int = 20 * 1024 * 1024) -> None:
    unit = "「（".encode()
    path.write_bytes(unit * (size // len(unit)))


def numbered(path: Path, paragraphs: int) -> None:
    # Each paragraph restarts its own list (numId 1..n cycles over a few lists that each
    # restart), so that the numbers are 一、 again and again.
    para = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>工作情况,推进“依法</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>'
        "<w:r><w:t>推进依法行政（监督。。</w:t></w:r></w:p>"
    )
    body = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>'
        "<w:p><w:r><w:t>关于2024年法治政府建设情况的报告</w:t></w:r></w:p>"
        + para * (paragraphs // 2)
        + "</w:body></w:document>"
    )
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:numbering xmlns:w="{W}">'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", body)
        z.writestr("word/numbering.xml", numbering)


def main() -> None:
    folder = Path(sys.argv[1])
    paragraphs = int(sys.argv[2]) if len(sys.argv) > 2 else 400_000
    folder.mkdir(parents=True, exist_ok=True)
    paren(folder / "paren.txt")
    numbered(folder / "numbered.docx", paragraphs)


if __name__ == "__main__":
    main()
